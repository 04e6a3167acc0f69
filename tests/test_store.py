"""The store: init, migrations from an older store, audit rows with each change, bad inputs refused."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.db import backups, repo
from desktop.db.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from desktop.db.store import open_store
from desktop.domain import ValueChange
from desktop.errors import (
    DatasetLocked,
    InvalidValue,
    InvalidYear,
    NotAStore,
    StoreDamaged,
    StoreMissing,
    StoreTooNew,
    UnknownIndicator,
    UnknownRegion,
)
from desktop.services import Services


def _count(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_init_loads_catalog_regions_and_admin(services):
    assert len(services.regions()) == 102
    assert len(services.indicators()) == 56
    assert services.region("温岭市").code == "331081"
    assert services.region("331081000000").name == "温岭市"
    assert [r.code for r in services.counties_of("330300")][:3] == ["330302", "330303", "330304"]
    assert len(services.counties_of("330000")) == 90
    assert services.user.name == "admin" and services.user.role == "admin"
    assert services.catalog_version()


def test_pragmas_on_every_connection(services):
    conn = services.store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_set_value_writes_value_and_audit_in_one_go(services, db_path):
    services.set_value("温岭市", 2021, "BEDS_PER_1000", "4.65", note="新院区投用")
    services.set_value("331081", 2021, "每千人口医疗机构床位数", 4.7)
    rec = services.get_region_year("331081", 2021).values["BEDS_PER_1000"]
    assert rec.value == 4.7 and rec.note == "新院区投用" and rec.updated_by == "admin"
    rows = services.audit("331081", 2021, "BEDS_PER_1000")
    assert [(r.field, r.old, r.new) for r in rows] == [
        ("value", None, 4.65), ("note", "", "新院区投用"), ("value", 4.65, 4.7)]
    assert all(r.user == "admin" and r.source == "cli" and r.at for r in rows)
    assert services.verify_audit() == []


def test_unchanged_value_writes_no_audit_row(services):
    services.set_value("331081", 2021, "HOSPITAL_BEDS", "4,839")
    before = len(services.audit("331081", 2021))
    services.set_value("331081", 2021, "HOSPITAL_BEDS", "４８３９")
    assert len(services.audit("331081", 2021)) == before


def test_prior_is_nearest_earlier_year_with_a_value(services):
    services.apply_changes([ValueChange("331081", 2017, "BEDS_PER_1000", 4.1),
                            ValueChange("331081", 2019, "BEDS_PER_1000", 4.3),
                            ValueChange("331081", 2020, "LIFE_EXPECTANCY", 81.2)], source="test")
    ry = services.get_region_year("331081", 2021)
    assert (ry.prior["BEDS_PER_1000"].year, ry.prior["BEDS_PER_1000"].value) == (2019, 4.3)
    assert ry.prior["LIFE_EXPECTANCY"].year == 2020


@pytest.mark.parametrize("args, error", [
    (("温岭镇", 2021, "BEDS_PER_1000", "1"), UnknownRegion),  # a town: no region (温岭 is 温岭市)
    (("331081", "20x1", "BEDS_PER_1000", "1"), InvalidYear),
    (("331081", 1800, "BEDS_PER_1000", "1"), InvalidYear),
    (("331081", 2021, "NO_SUCH_CODE", "1"), UnknownIndicator),
    (("331081", 2021, "BEDS_PER_1000", "abc"), InvalidValue),
    (("331081", 2021, "BEDS_PER_1000", "4.5%"), InvalidValue),
    (("331081", 2021, "BEDS_PER_1000", "nan"), InvalidValue),
])
def test_bad_input_refused_and_nothing_written(services, args, error):
    with pytest.raises(error):
        services.set_value(*args)
    assert services.audit("331081") == []
    assert services.get_region_year("331081", 2021).values == {}


def test_one_bad_change_in_a_batch_writes_nothing(services):
    with pytest.raises(UnknownIndicator):
        services.apply_changes([ValueChange("331081", 2021, "BEDS_PER_1000", 4.6),
                                ValueChange("331081", 2021, "NOPE", 1.0)], source="test")
    assert services.get_region_year("331081", 2021).values == {}


def test_unknown_indicator_suggests_nearest_names(services):
    with pytest.raises(UnknownIndicator) as info:
        services.indicator("每千人口医院床位")
    assert "每千人口医疗机构床位数" in str(info.value)


def test_a_region_is_found_by_the_names_offices_write(services):
    from desktop.catalog import RegionNames, read_regions

    assert services.region("瑞安").code == "330381"
    assert services.region("浙江省温州市鹿城区").code == "330302"
    assert services.region("温州").level == "city"
    assert services.region("330302鹿城区").code == services.region("鹿城区（330302）").code == "330302"
    with pytest.raises(UnknownRegion):
        services.region("330302 瑞安市")  # a code and a name of two regions: neither
    names = RegionNames(read_regions() + [read_regions()[0].__class__("339999", "鹿城县", "county", "330300")])
    assert names.find("鹿城") is None  # two regions share the short name: neither
    with pytest.raises(UnknownRegion):
        services.region("宁波县")  # a 县 finds only a county, and 宁波 is a city


def test_a_count_is_found_with_or_without_its_final_character_shu(services):
    assert services.indicator("每千人口执业（助理）医师").code == "DOCTORS_PER_1000"  # the name is …医师数
    assert services.indicator("每千人口床位").code == "BEDS_PER_1000"  # the alias is 每千人口床位数
    assert services.indicator("救护车数").code == "AMBULANCES"  # the name itself, unchanged
    with pytest.raises(UnknownIndicator):
        services.indicator("婴儿死亡")  # a rate is never guessed from a shorter text


def test_approved_dataset_refuses_writes(services):
    services.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
    with services.store.write() as db:
        from desktop.domain import Dataset
        repo.put_dataset(db, Dataset("331081", 2021, "approved", repo.now(), "admin"))
    with pytest.raises(DatasetLocked, match="已审核"):
        services.set_value("331081", 2021, "BEDS_PER_1000", 9.9)
    assert services.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.6


def test_old_store_is_upgraded_with_a_backup_first(tmp_path):
    path = tmp_path / "old.sqlite"
    store = open_store(path, create=True, migrate_store=False)
    migrate(store.db, upto=1)  # a store as version 1 of the program made it
    with store.write() as db:
        db.execute("INSERT INTO region VALUES ('331081', '温岭市', 'county', NULL)")
        db.execute("INSERT INTO indicator(code, section, name, unit, kind, decimals) "
                   "VALUES ('BEDS_PER_1000', '医疗资源', '每千人口医疗机构床位数', '张', 'per1000', 2)")
        db.execute("INSERT INTO value VALUES ('331081', 2020, 'BEDS_PER_1000', 4.2, '', 't', 'admin', 'cli')")
        db.execute("INSERT INTO user VALUES ('admin', 'admin', NULL, NULL, 't')")
    store.close()
    assert _count(path, "PRAGMA user_version") == 1

    services = Services.open(path)
    try:
        assert _count(path, "PRAGMA user_version") == SCHEMA_VERSION
        assert services.get_region_year("331081", 2021).prior["BEDS_PER_1000"].value == 4.2
        services.set_value("331081", 2021, "BEDS_PER_1000", 4.4)  # the new audit columns work
        assert services.verify_audit() == []
    finally:
        services.close()
    saved = backups.list_backups(path)
    assert len(saved) == 1 and "before-upgrade-v1" in saved[0].name
    assert _count(saved[0], "PRAGMA user_version") == 1


def test_failed_migration_leaves_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    store = open_store(path, create=True, migrate_store=False)
    migrate(store.db, upto=1)
    store.close()

    def broken(db):
        db.execute("ALTER TABLE indicator ADD COLUMN aliases TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    original = MIGRATIONS[1]
    MIGRATIONS[1] = broken
    try:
        with pytest.raises(Exception):
            Services.open(path)
    finally:
        MIGRATIONS[1] = original
    assert _count(path, "PRAGMA user_version") == 1
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(indicator)")]
    assert "aliases" not in cols


def test_store_from_newer_program_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreTooNew, match="更新版本"):
        Services.open(db_path)


def test_missing_damaged_and_foreign_files_refused(tmp_path):
    with pytest.raises(StoreMissing):
        Services.open(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"PK\x03\x04 this is a zip, not a store" * 100)
    with pytest.raises(NotAStore):
        Services.open(junk)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStore, match="另一个程序"):
        Services.open(other)


def test_damaged_store_names_newest_good_backup(db_path):
    s = Services.open(db_path)
    s.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
    good = s.backup(reason="manual")
    s.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 6)):
        data[offset] = 0xFF
    db_path.write_bytes(bytes(data))
    with pytest.raises((StoreDamaged, NotAStore)) as info:
        Services.open(db_path)
    assert str(good) in str(info.value) and "restore" in str(info.value)


def test_backup_and_restore(services, tmp_path):
    services.set_value("331081", 2021, "BEDS_PER_1000", 4.6)
    copy = services.backup(tmp_path / "copy.sqlite")
    services.set_value("331081", 2021, "BEDS_PER_1000", 9.9)
    safety = services.restore(copy)
    assert services.get_region_year("331081", 2021).values["BEDS_PER_1000"].value == 4.6
    assert safety.exists() and safety in backups.list_backups(services.store.path)
    with pytest.raises(NotAStore):
        bad = tmp_path / "bad.sqlite"
        bad.write_text("hello")
        services.restore(bad)


def test_rolling_backups_are_bounded(services):
    for i in range(backups.KEEP + 4):
        services.backup(reason=f"r{i}")
    assert len(backups.list_backups(services.store.path)) == backups.KEEP


def test_demo_loads_seed_figures(demo_services):
    ruian = demo_services.get_region_year("瑞安市", 2021).values
    assert ruian["LIFE_EXPECTANCY"].value == 82.3
    assert ruian["NAT_DAILY_CAPACITY"].value == 30000
    assert ruian["ELDERLY_REHAB_BEDS"].value == 1071
    assert demo_services.get_region_year("温州市", 2023).values["CHILDCARE_PLACES_PER_1000"].value == 4.01
    assert demo_services.targets("温岭市", 2021)["COUNTY_VISIT_SHARE"] == 91
    assert all(r.source == "demo" for r in demo_services.audit("330381", 2021))


def test_core_imports_without_qt():
    import subprocess
    import sys

    code = ("import desktop.services, desktop.cli, desktop.db, sys; "
            "print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_init_adds_shipped_aliases_to_an_older_catalog(db_path):
    import sqlite3 as sq

    conn = sq.connect(db_path)
    conn.execute("UPDATE indicator SET aliases = '自定义写法' WHERE code = 'LIFE_EXPECTANCY'")
    conn.commit()
    conn.close()
    s = Services.init(db_path)
    try:
        ind = s.indicator("LIFE_EXPECTANCY")
        assert "自定义写法" in ind.aliases and "人均预期寿命" in ind.aliases
        assert s.indicator("人均预期寿命").code == "LIFE_EXPECTANCY"
        rows = [r for r in s.audit(indicator="LIFE_EXPECTANCY") if r.field == "catalog"]
        assert rows and rows[-1].source == "init"
        version = s.catalog_version()
    finally:
        s.close()
    s = Services.init(db_path)  # nothing more to merge: no new version, no new rows
    try:
        assert s.catalog_version() == version
    finally:
        s.close()


def test_a_read_on_a_damaged_connection_is_a_store_error_not_a_raw_sqlite_error(services, monkeypatch):
    """Every read of the services speaks in the program's own errors (the window shows them as messages)."""
    import sqlite3 as sq

    from desktop.errors import StoreError

    class Broken:
        def execute(self, *a, **k):
            raise sq.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(services.store.db, "execute", Broken().execute)
    for call in (services.users, services.catalog_version, services.audit_chain_head):
        with pytest.raises(StoreError, match="损坏"):
            call()
