"""The statuses carried by the exchange, against the store: what an export reads to write the sheets 状态,
退回意见 and 不适用标记 (`lines_for_export`), which decisions were made in this store (`decided_here_map`), and
a taken decision written inside the import's transaction (`apply`). The rules themselves are
`desktop.exchange.status` (pure)."""

from __future__ import annotations

from desktop.db import absent as adb
from desktop.db import exchange as xdb
from desktop.db import workflow as wdb
from desktop.exchange.status import UPPER_DECISIONS, Decision, StatusLine, build_lines, new_events, when


def lines_for_export(services, codes: list[str], years: list[int], records: list[tuple],
                     clean=lambda s: s) -> list[StatusLine]:
    """One status line per region-year that has data rows or a dataset row, with its digest.

    `records`: the (region, year, indicator, value, note) rows the data sheet holds; `clean` the text
    cleaning the writer applies to notes (the digest covers what the file holds)."""
    db = services.store.db
    with services.store.reading():
        datasets = xdb.datasets_of(db, codes, years)
        events = xdb.status_events(db, codes, years)
        heads = xdb.last_hashes(db, codes, years)
        notes = wdb.review_notes_many(db, codes, years)
        marks: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
        for year in years:
            for region in adb.absent_codes_of_regions(db, codes, year):
                marks[(region, year)] = {c: (a.kind, clean(a.reason))
                                         for c, a in adb.absences_of(db, region, year).items()}
    names = {r.code: r.name for r in services.regions()}
    return build_lines(datasets, events, heads, notes, marks, records, names, clean)


def decided_here_map(db, region_years) -> dict[tuple[str, int], bool]:
    """{(region, year): True when the newest status change was made in this store (not imported)}."""
    keys = set(region_years)
    if not keys:
        return {}
    regions = sorted({r for r, _ in keys})
    years = sorted({y for _, y in keys})
    last: dict[tuple[str, int], str] = {}
    for region, year, _at, _user, _old, _new, source, _reason in xdb.status_events(db, regions, years):
        last[(region, year)] = source
    return {k: not str(last.get(k, "")).startswith("import:") for k in keys}


def apply(w, decision: Decision, source: str, importer: str, file: str) -> list[dict]:
    """Write one taken decision inside the import's transaction, through the Writer: the dataset's status (its
    time and decider as the file says), the decisions of the round newer than the store's as audit rows (user:
    who decided there; source: the file), and the notes of a return. Returns the audit rows written.
    `w`: the import's desktop.db.writes.Writer (which reads the status again under its lock: the importer
    has checked that the one planned against still holds)."""
    line, local = decision.line, decision.local
    mine = when(local.updated_at) if local.status != "draft" else None
    events = new_events(local.status, line, mine)
    if events is None:  # a jump the workflow does not make in one round (e.g. draft → accepted): the round as told
        events = [e for e in line.events() if mine is None or (when(e[2]) or mine) > mine]
        if not events or events[-1][0] != line.status:
            events.append((line.status, line.decided_by or importer, line.decided_at))
    # the reason stays what the decider wrote (the clerk reads it); where it came from goes into the source:
    # import:FILE#SHA256｜上级决定｜由 IMPORTER 导入｜对方审计链头 HEAD
    head = f"｜对方审计链头 {line.chain_head[:16]}" if line.chain_head else ""
    rounds = [(status, by, at, f"{source}｜{'上级' if status in UPPER_DECISIONS else '县级'}决定｜由 {importer} 导入{head}",
               line.reason if status == "returned" else "") for status, by, at in events]
    w.status(line.region_code, line.year, local.status, line.status, source,
             line.reason if line.status == "returned" else "", at=line.decided_at, by=line.decided_by, rounds=rounds)
    notes = line.notes if line.status == "returned" else {}
    w.review_notes(line.region_code, line.year, notes, f"{source}｜由 {importer} 导入", line.reason,
                   at=line.decided_at, by=line.decided_by)
    return [dict(status=status, by=by, at=at) for status, by, at in events]
