#!/usr/bin/env bash
# Build dist/chi_<version>_<arch>.deb from the one-folder bundle dist/chi/ (built first when missing):
# the program under /opt/chi, /usr/bin/chi, a menu entry (县卫生健康指标填报系统) and its icon.
#   bash scripts/build_deb.sh             # uses dist/chi/ as it is; --rebuild builds the bundle again first
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--rebuild" ] || [ ! -x dist/chi/chi ]; then
  bash scripts/build_bundle.sh
fi
command -v dpkg-deb >/dev/null || { echo "build_deb: dpkg-deb not found (a Debian-based system is needed)" >&2; exit 1; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
ARCH=$(dpkg --print-architecture)
# the newest glibc symbol any bundled binary asks for: the .deb says so, instead of failing at start
GLIBC=$(find dist/chi -type f \( -name '*.so*' -o -name chi \) -exec objdump -T {} \; 2>/dev/null \
        | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -1)
ROOT=build/deb/chi_${VERSION}_${ARCH}
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a dist/chi "$ROOT/opt/chi"
ln -s /opt/chi/chi "$ROOT/usr/bin/chi"   # the bundle finds its _internal/ through /proc/self/exe
install -m 0644 resources/icons/chi.png "$ROOT/usr/share/icons/hicolor/256x256/apps/chi.png"
install -m 0644 resources/icons/chi.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/chi.svg"
cat > "$ROOT/usr/share/applications/chi.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=县卫生健康指标填报系统
Name[zh_CN]=县卫生健康指标填报系统
Name[en]=County health indicators
GenericName=卫生健康统计填报
GenericName[en]=Health statistics entry
Comment=县卫生健康指标的填报、审核与汇总
Comment[en]=Enter, check and report a county's yearly health indicators
Exec=/opt/chi/chi
Icon=chi
Terminal=false
Categories=Office;
StartupNotify=true
StartupWMClass=chi
DESKTOP

cat > "$ROOT/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
SCRIPT
cat > "$ROOT/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
# dpkg has removed the package's own files; take away what the program or a crash may have left in its folder
# (nothing is written there in normal use) and refresh the menus. Each user's store, backups and log stay in
# their home directory: they are the office's data.
set -e
case "$1" in
  remove|purge|abort-install)
    rm -rf /opt/chi
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    ;;
esac
exit 0
SCRIPT
chmod 0755 "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/postrm"

SIZE=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: chi
Version: $VERSION
Architecture: $ARCH
Maintainer: County health indicators maintainers <chi@localhost>
Installed-Size: $SIZE
Depends: libc6 (>= $GLIBC), libgl1, libegl1, libxcb1
Recommends: fonts-wqy-microhei | fonts-noto-cjk
Section: misc
Priority: optional
Homepage: https://localhost/county-health-indicators
Description: 县卫生健康指标填报系统 (county health indicators)
 Clerks of a county health bureau enter each year's health indicators, the program
 checks them against earlier years and related indicators, a supervisor approves
 them, and Excel and PDF summaries are printed. City and province offices exchange
 figures as Excel workbooks. Python and Qt are carried inside /opt/chi: nothing is
 downloaded. Run chi for the window, chi --help for the command line.
CONTROL
find "$ROOT" -type d -exec chmod 0755 {} +
OUT=dist/chi_${VERSION}_${ARCH}.deb
# gzip: 74 MiB in about 2 minutes here; xz made 55 MiB but took 8½ minutes on these 2 cores
dpkg-deb --root-owner-group -Zgzip --build "$ROOT" "$OUT" >/dev/null
echo "build_deb: $OUT $(du -m "$OUT" | cut -f1) MiB (installed $((SIZE / 1024)) MiB, needs glibc >= $GLIBC)"
