"""First start without a terminal (core): a new store with admin's password and a home county, the demo, an
existing store file; where the store, backups and log live; what 关于 and `about --json` tell."""

from __future__ import annotations

import pytest

from desktop import first_start, locations
from desktop.errors import AppError, AuthError, StoreError
from desktop.services import Services
from desktop.workflow import login


def test_store_backups_and_log_live_where_platformdirs_says(xdg_home):
    from platformdirs import user_data_dir, user_log_dir

    from desktop.db.backups import backup_dir
    from desktop.services import default_db_path

    store = default_db_path()
    assert store == locations.data_dir() / "indicators.sqlite"
    assert str(store).startswith(user_data_dir("county-health-indicators", appauthor=False))
    assert str(store).startswith(str(xdg_home / "data"))
    assert backup_dir(store).parent == store.parent
    assert str(locations.log_file()).startswith(user_log_dir("county-health-indicators", appauthor=False))


def test_a_new_store_has_admins_password_from_its_first_transaction(xdg_home):
    path = locations.default_store_path()
    services = first_start.create_store(path, password="geheim12", again="geheim12", county="瑞安市")
    try:
        assert services.user.name == "admin" and services.user.has_password
        assert first_start.home_region(services) == "330381"
        assert services.regions() and len(services.indicators()) > 50
        assert services.get_region_year("330381", 2021).values == {}  # empty: no demo values
    finally:
        services.close()
    with Services.open(path) as again:
        assert [u for u in again.users() if u.role == "admin" and not u.has_password] == []
        with pytest.raises(AuthError):
            login(again, "admin", None)
        with pytest.raises(AuthError):
            login(again, "admin", "wrong-one")
        assert login(again, "admin", "geheim12").name == "admin"


def test_the_demo_store_has_the_seed_figures_and_a_password(xdg_home, tmp_path):
    path = tmp_path / "demo.sqlite"
    with first_start.create_store(path, password="geheim12", again="geheim12", demo=True) as services:
        ry = services.get_region_year("瑞安市", 2021)
        assert ry.values["SERVICE_REVENUE_SHARE"].value == pytest.approx(34.29)
        assert first_start.home_region(services) is None
    with Services.open(path) as again:
        assert all(u.has_password for u in again.users() if u.role == "admin")


@pytest.mark.parametrize("password, again, county, says", [
    ("", "", "瑞安市", "设定密码"),
    ("abc", "abc", "瑞安市", "至少 6"),
    ("geheim12", "geheim13", "瑞安市", "不一致"),
    (" geheim12", " geheim12", "瑞安市", "空格"),
    ("geheim12", "geheim12", None, "县（市、区）"),
    ("geheim12", "geheim12", "火星县", "未知的地区：火星县"),
])
def test_a_refused_first_start_says_why_and_leaves_no_store(tmp_path, password, again, county, says):
    path = tmp_path / "s.sqlite"
    with pytest.raises(AppError, match=says):
        first_start.create_store(path, password=password, again=again, county=county)
    assert not path.exists()


def test_a_new_store_never_overwrites_a_file(tmp_path, db_path):
    before = db_path.read_bytes()
    with pytest.raises(AppError, match="已有文件，未覆盖"):
        first_start.create_store(db_path, password="geheim12", again="geheim12", county="瑞安市")
    assert db_path.read_bytes() == before


def test_a_first_start_cut_off_before_its_transaction_is_made_again(tmp_path):
    import sqlite3

    path = tmp_path / "s.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    with first_start.create_store(path, password="geheim12", again="geheim12", county="温岭市") as services:
        assert first_start.home_region(services) == "331081"


def test_an_existing_store_with_an_open_admin_gets_a_password_before_use(tmp_path, demo_path):
    found = first_start.inspect_store(demo_path)
    assert found.open_admins == ("admin",) and found.regions == 102 and found.users == 1
    with pytest.raises(AppError, match="设定密码"):
        first_start.open_existing(demo_path)
    with Services.open(demo_path) as untouched:
        assert not untouched.user.has_password  # the refusal wrote nothing
    with first_start.open_existing(demo_path, password="geheim12", again="geheim12") as services:
        assert services.user.has_password
    with Services.open(demo_path) as again:
        assert login(again, "admin", "geheim12").has_password
        assert first_start.inspect_store(demo_path).open_admins == ()
        rows = [r for r in again.audit() if getattr(r, "source", "") == "password"]
        assert rows, "setting the password is audited"


def test_an_existing_store_with_passwords_is_opened_as_it_is(tmp_path, demo_path):
    with first_start.open_existing(demo_path, password="geheim12", again="geheim12"):
        pass
    before = demo_path.stat().st_mtime_ns
    with first_start.open_existing(demo_path) as services:  # no password asked: the log-in dialog follows
        assert services.store.path == demo_path
    assert first_start.inspect_store(demo_path).open_admins == ()
    assert demo_path.stat().st_mtime_ns >= before


@pytest.mark.parametrize("content, says", [
    (b"", "空文件"),
    (b"hello, not a database" * 20, "不是本程序的数据库"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "已损坏"),
])
def test_a_bad_store_file_is_refused_with_the_stores_own_message(tmp_path, content, says):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(StoreError, match=says) as err:
        first_start.inspect_store(bad)
    assert str(bad) in str(err.value)
    assert bad.read_bytes() == content


def test_a_chosen_store_is_remembered_for_the_window_and_the_command_line(xdg_home, tmp_path, demo_path, cli):
    from desktop.services import default_db_path

    assert default_db_path() == locations.data_dir() / "indicators.sqlite"
    locations.remember_store(demo_path)
    assert default_db_path() == demo_path
    out = cli(None, "get", "瑞安市", "2021", "--json")  # no --db: the command line uses the chosen store
    assert out.code == 0 and out.json()["values"]["SERVICE_REVENUE_SHARE"]["value"] == pytest.approx(34.29)
    locations.remember_store(locations.data_dir() / "indicators.sqlite")  # back to the default place
    assert not locations.pointer_file().exists()
    assert default_db_path() == locations.data_dir() / "indicators.sqlite"


def test_chi_db_wins_over_the_remembered_store(xdg_home, tmp_path, monkeypatch, demo_path):
    locations.remember_store(demo_path)
    monkeypatch.setenv("CHI_DB", str(tmp_path / "other.sqlite"))
    assert locations.default_store_path() == tmp_path / "other.sqlite"
    assert locations.store_from_environment()


def test_about_tells_version_store_catalog_and_backups(xdg_home, demo_path, cli):
    from desktop import __version__

    with Services.open(demo_path) as services:
        services.backup(reason="manual")
        info = first_start.about(services)
    assert info["version"] == __version__
    assert info["store"] == str(demo_path)
    assert info["catalog_version"] == "2026.1"
    assert info["backups"] == str(demo_path.with_name(demo_path.name + ".backups"))
    assert info["backup_count"] == 1
    out = cli(demo_path, "about", "--json")
    assert out.code == 0
    assert {k: out.json()[k] for k in ("version", "store", "catalog_version", "backups")} == {
        k: info[k] for k in ("version", "store", "catalog_version", "backups")}
    text = cli(demo_path, "about")
    assert str(demo_path) in text.out and "2026.1" in text.out and __version__ in text.out


def test_an_older_store_from_the_old_computer_is_upgraded_when_chosen(tmp_path):
    """A store left at schema version 1 (an older program) is upgraded, after a backup, not called read-only."""
    from sqlite_utils import Database

    from desktop.db import backups
    from desktop.db.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version

    old = tmp_path / "old.sqlite"
    db = Database(old)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(db, upto=1)
    db.execute("INSERT INTO user (name, role, created_at) VALUES ('admin', 'admin', '2024-01-01T00:00:00')")
    db.conn.commit()
    db.close()
    if SCHEMA_VERSION == 1:
        pytest.skip("only one schema version: no older store to make")
    found = first_start.inspect_store(old)
    assert found.open_admins == ("admin",)
    assert user_version(Database(old)) == SCHEMA_VERSION
    assert any("before-upgrade-v1" in p.name for p in backups.list_backups(old))
