"""The house rules, checked: one write path, one audit inserter, the status rules in one module, SQL that a
server database could take, and no Qt below desktop/ui/."""

from __future__ import annotations

import ast
import functools
import os
import re
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop import policy
from desktop.db import writes
from desktop.domain import ValueChange
from desktop.errors import DatasetLocked
from desktop.services import Services

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "desktop"
CORE = sorted(p for p in DESKTOP.rglob("*.py") if "ui" not in p.relative_to(DESKTOP).parts[:1])


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def _tree(path: Path) -> ast.Module:
    """The module's syntax tree, parsed once for all the tests that walk it (never changed by them)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def _code(path: Path) -> str:
    """The source without comments and docstrings (a rule written down is not a breach of it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            body[0] = ast.Pass()
    return ast.unparse(tree)


def _files_containing(pattern: str, files) -> list[str]:
    rx = re.compile(pattern)
    return sorted(str(p.relative_to(ROOT)) for p in files if rx.search(_code(p)))


ALL = sorted(DESKTOP.rglob("*.py")) + [ROOT / "main.py"]


def test_one_audit_inserter():
    assert _files_containing(r"INSERT\s+INTO\s+audit", ALL) == ["desktop/db/audit.py"]
    # every module outside db writes its audit rows through the Writer, never the inserter itself
    assert _files_containing(r"\badd_audits?\(|\baudit\.(add|append)\(", ALL) == ["desktop/db/writes.py"]


def test_every_write_transaction_is_opened_by_services_write():
    # Services.write() yields the Writer; the store's own transaction is opened only there and in db/
    outside = [f for f in _files_containing(r"\bstore\.write\(\)", ALL) if not f.startswith("desktop/db/")]
    assert outside == ["desktop/services.py"]
    assert _code(DESKTOP / "services.py").count("store.write()") == 2  # Services.init's first fill, Services.write


def test_vocabularies_are_defined_once():
    for name in ("RULE_NAMES", "SEVERITY_NAMES", "STATUS_NAMES"):
        defined = _files_containing(rf"(?m)^{name}\s*=", ALL)
        assert defined == ["desktop/domain.py"], name


def test_rules_in_force_are_read_by_one_query():
    assert _files_containing(r"FROM\s+rule_set\s+ORDER BY id DESC", ALL) == ["desktop/db/workflow.py"]
    assert _files_containing(r"current_rule_set\(", [p for p in ALL if p.name != "workflow.py"
                                                      or p.parent.name != "db"]) == ["desktop/services.py"]


# SQL of any kind: a statement's keywords in a string (SELECT … FROM in capitals, as all our SQL is written, so
# that an English sentence passes), a call that runs one, a table reached by name
SQL_TEXT = re.compile(r"(?-i:\bSELECT\s[^;]{0,300}?\bFROM\s)|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s|\bUPDATE\s+[\w.\"]+\s+SET\s"
                      r"|\bDELETE\s+FROM\s|\bPRAGMA\s+[\w.]+|\b(?:ATTACH|DETACH)\s+DATABASE\b"
                      r"|\b(?:CREATE|DROP|ALTER)\s+(?:TABLE|INDEX|VIEW|TRIGGER)\s|\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE)\b",
                      re.IGNORECASE)
SQL_CALLS = {"execute", "executemany", "executescript", "query", "table"}


def _sql_in(path: Path, source: str | None = None) -> list[str]:
    """file:line of every piece of SQL in one module: calls of execute/executemany/executescript/query/table,
    `db["name"]` or `x.db["name"]`, sqlite3.connect, and strings (f-strings too) holding a statement; docstrings
    are prose."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    skip = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(getattr(node, "body", None), list) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}
    where = str(path.relative_to(ROOT)) if path.is_absolute() else str(path)
    found = []
    for node in ast.walk(tree):
        text = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"{where}:{node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "sqlite3":
            found.append(f"{where}:{node.lineno}: sqlite3.connect(")  # a connection of its own, beside the store's
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, str):
            base = node.value
            name = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else None
            if name == "db":
                found.append(f"{where}:{node.lineno}: db[{node.slice.value!r}]")
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
        if text is not None and SQL_TEXT.search(text):
            found.append(f"{where}:{node.lineno}: {text.strip()[:50]!r}")
    return found


def test_sql_only_in_db():
    """Every statement the program runs is a named function of desktop/db/, so that a server database later
    changes one package. Outside it: no execute/query/table calls, no table by name, no SQL in a string."""
    outside = [p for p in ALL if p.relative_to(ROOT).parts[:2] != ("desktop", "db")]
    assert len(outside) > 80
    found = [hit for p in outside for hit in _sql_in(p)]
    assert found == []


SQL_SNIPPET = '''
def f(services, conn, w, t):
    conn.execute("PRAGMA foreign_keys = OFF")
    n = services.store.db["value"].count
    w.db.table("audit")
    sql = f"SELECT region, year FROM {t} WHERE x = ?"
    text = "delete from value where region = ?"
    reader = sqlite3.connect(path)
    return "UPDATE dataset SET status = ?", "INSERT OR REPLACE INTO meta VALUES (?, ?)", reader


def g(rows):
    """SELECT a FROM b, said in a docstring, is prose."""
    chosen = {"select": 1, "update": 2}
    return f"已选择 {len(rows)} 行", "Select the rows you want, from the sheet 填报", chosen["select"]
'''


def test_the_sql_guard_names_each_statement_and_lets_prose_pass():
    found = _sql_in(Path("desktop/x.py"), SQL_SNIPPET)
    assert sorted({int(hit.split(":")[1]) for hit in found}) == [3, 4, 5, 6, 7, 8, 9]
    assert "desktop/x.py:8: sqlite3.connect(" in found
    assert "desktop/x.py:3: .execute(" in found
    assert "desktop/x.py:4: db['value']" in found
    assert "desktop/x.py:5: .table(" in found
    assert "desktop/x.py:6: 'SELECT region, year FROM {} WHERE x = ?'" in found
    assert len([h for h in found if h.startswith("desktop/x.py:9:")]) == 2


# ---- ids and read-then-write: what a server database would do differently, in desktop/db/ only ------------

SQLITE_IDS = re.compile(r"lastrowid|sqlite_sequence")
# a read of a dataset's status (the table that holds them), and the audit chain's head (its newest row's hash)
STATUS_SQL = re.compile(r"(?is)\b(FROM|JOIN)\s+dataset\b")
CHAIN_HEAD_SQL = re.compile(r"(?is)\bFROM\s+audit\b[^\"']*\bORDER\s+BY\s+id\s+DESC|\bmax\s*\(\s*id\s*\)\s+FROM\s+audit\s*\)?\s*$"
                            r"|\bSELECT\s+hash\s+FROM\s+audit\b(?![^\"']*\bWHERE\b)")
LOCKS = "desktop/db/locks.py"
# reads of the newest audit row that no write follows on: the restore preview compares a backup's newest row
# with the store's row of the same id, to say how many rows a restore would undo
CHAIN_HEAD_READ_ONLY = {"desktop/db/restore.py"}


def _sources(paths) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): _code(p) for p in paths}


def _sqlite_ids_outside_db(sources: dict[str, str]) -> list[str]:
    return sorted(name for name, code in sources.items()
                  if not name.startswith("desktop/db/") and SQLITE_IDS.search(code))


def _strings(node: ast.AST) -> list[str]:
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.append(n.value)
        elif isinstance(n, ast.JoinedStr):  # an f-string: its literal parts joined
            out.append("".join(v.value for v in n.values if isinstance(v, ast.Constant) and isinstance(v.value, str)))
    return out


# calls on these are never a status read of their own: the named place, and the pure rules
NAMED_OR_PURE = {"locks", "policy"}


def _called_names(node: ast.AST) -> list[tuple[str, int]]:
    """(name, line) of the functions called in `node`, but for calls on locks or policy (`policy.value_lock`
    is not `services.value_lock`)."""
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            f = n.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in NAMED_OR_PURE:
                continue
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if name:
                out.append((name, n.lineno))
    return out


def _functions(tree: ast.AST):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _status_readers(trees: dict[str, ast.AST]) -> set[str]:
    """Names of the functions outside locks.py whose own SQL reads the dataset table (a status), and of the
    functions of the core that call one (`services.value_lock`, `services.check_editable`, …), to a
    fixed point. The shells (ui, cli) are left out: they write only through services."""
    core = {name: _functions(tree) for name, tree in trees.items()
            if name != LOCKS and not name.startswith(("desktop/ui/", "desktop/cli/"))}
    readers = {f.name for funcs in core.values() for f in funcs if any(STATUS_SQL.search(s) for s in _strings(f))}
    while True:
        more = {f.name for funcs in core.values() for f in funcs
                if f.name not in readers and {n for n, _ in _called_names(f)} & readers}
        if not more:
            return readers
        readers |= more


def _write_scopes(tree: ast.AST) -> list[ast.AST]:
    """What runs inside a write transaction: the body of `with <x>.write() as …:`, a function handed the
    Writer (a parameter `w` or annotated Writer), the Writer's own methods."""
    scopes = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.With, ast.AsyncWith)) and any(
                isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Attribute)
                and i.context_expr.func.attr == "write" for i in n.items):
            scopes += n.body
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                a.arg == "w" or (isinstance(a.annotation, ast.Name) and a.annotation.id == "Writer")
                for a in n.args.args + n.args.kwonlyargs):
            scopes += n.body
        elif isinstance(n, ast.ClassDef) and n.name == "Writer":
            scopes += n.body
    return scopes


def _read_then_write_outside_locks(sources: dict[str, str]) -> list[str]:
    """Where a status or the audit chain head is read for a write anywhere but desktop/db/locks.py: SQL of the
    chain head anywhere else, and inside a write scope a status read (its SQL, or a call of a status reader)."""
    trees = {name: ast.parse(code) for name, code in sources.items()}
    readers = _status_readers(trees)
    found = set()
    for name, tree in trees.items():
        if name == LOCKS:
            continue
        if name not in CHAIN_HEAD_READ_ONLY:
            found |= {f"{name}: chain head" for s in _strings(tree) if CHAIN_HEAD_SQL.search(s)}
        for scope in _write_scopes(tree):
            found |= {f"{name}: status SQL" for s in _strings(scope) if STATUS_SQL.search(s)}
            found |= {f"{name}: {called}()" for called, _ in _called_names(scope) if called in readers}
    return sorted(found)


def test_no_lastrowid_or_sqlite_sequence_outside_db():
    assert _sqlite_ids_outside_db(_sources(ALL)) == []
    # the check finds one
    assert _sqlite_ids_outside_db({"desktop/workflow.py": "sid = cur.lastrowid",
                                   "desktop/db/workflow.py": "sid = cur.lastrowid"}) == ["desktop/workflow.py"]


def test_a_status_or_the_chain_head_is_read_for_a_write_only_in_locks():
    """Each read-then-write that relies on SQLite's single writer goes through desktop/db/locks.py (the
    features reach it through the Writer), so that a server database can lock it there."""
    sources = _sources(ALL)
    assert _read_then_write_outside_locks(sources) == []
    assert set(_status_readers({n: ast.parse(c) for n, c in sources.items()})) >= {"get_dataset", "value_lock"}
    assert "SELECT hash FROM audit ORDER BY id DESC" in sources[LOCKS]
    assert "locks.audit_chain_head(db)" in sources["desktop/db/audit.py"]


SNIPPETS = {
    # a status read inside the import's write, as importer._commit read it before the Writer named it
    "importer": ("desktop/exchange/importer.py",
                 "def _commit(services, plan):\n"
                 "    with services.write() as w:\n"
                 "        now_ds = repo.get_dataset(w.db, 'r', 2021)\n",
                 "desktop/exchange/importer.py: get_dataset()"),
    # the same through a helper handed the Writer, and its own SQL
    "helper": ("desktop/catalog_admin/service.py",
               "def _refuse(services, w, code):\n"
               "    return w.db.execute(\"SELECT region FROM value v JOIN dataset d ON d.region = v.region\")\n",
               "desktop/catalog_admin/service.py: status SQL"),
    # a Services method that reads a status, called inside a write
    "service": ("desktop/absent.py",
                "def mark(services):\n"
                "    with services.write() as w:\n"
                "        services.check_editable('r', 2021)\n",
                "desktop/absent.py: check_editable()"),
    # the chain head read anywhere but locks.py
    "chain": ("desktop/db/exchange.py",
              "def head(db):\n    return db.execute('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').fetchone()\n",
              "desktop/db/exchange.py: chain head"),
}


def _sources_with(name: str, code: str) -> dict[str, str]:
    """The program's sources with a made-up snippet appended to module `name` (a breach a guard must find)."""
    sources = _sources(ALL)
    sources[name] = sources.get(name, "") + "\n\n" + code
    return sources


@pytest.mark.parametrize("case", sorted(SNIPPETS))
def test_the_read_then_write_check_finds_a_breach(case):
    name, code, expected = SNIPPETS[case]
    assert _read_then_write_outside_locks(_sources_with(name, code)) == [expected]


def test_the_read_then_write_check_lets_reads_outside_writes_be():
    sources = {"desktop/services.py": "def dataset(self, r, y):\n"
                                      "    with self.store.reading():\n"
                                      "        return repo.get_dataset(self.store.db, r, y)\n",
               "desktop/db/repo.py": "def get_dataset(db, r, y):\n"
                                     "    return db.execute('SELECT status FROM dataset WHERE region = ?', [r])\n",
               "desktop/db/exchange.py": "def last_hashes(db):\n"
                                         "    return db.execute('SELECT region, year, hash FROM audit WHERE id IN "
                                         "(SELECT max(id) FROM audit WHERE region = ? GROUP BY region, year)')\n"}
    assert _read_then_write_outside_locks(sources) == []


# ---- one write path: the functions of desktop/db that write rows are called by the Writer alone ----------------

WRITE_SQL = re.compile(r"\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s|\bUPDATE\s+[\w.\"]+\s+SET\s|\bDELETE\s+FROM\s",
                       re.IGNORECASE)
# writes of the whole store, not of a feature's rows: a schema migration, a backup copied over the store by a
# restore (Services.restore opens that transaction itself and audits it)
STORE_LEVEL = {"desktop/db/schema.py", "desktop/db/restore.py"}
WRITER = "desktop/db/writes.py"


def _db_module(name: str) -> str:
    return name.removesuffix(".py").replace("/", ".")


def _imported(tree: ast.AST) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """({local name: desktop.db module}, {local name: (desktop.db module, function)}) of a module's imports
    (`from desktop.db import repo`, `import desktop.db.repo as r`, `from desktop.db.repo import put_user`)."""
    modules: dict[str, str] = {}
    functions: dict[str, tuple[str, str]] = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module == "desktop.db":
            modules.update({a.asname or a.name: f"desktop.db.{a.name}" for a in n.names})
        elif isinstance(n, ast.ImportFrom) and (n.module or "").startswith("desktop.db."):
            functions.update({a.asname or a.name: (n.module, a.name) for a in n.names})
        elif isinstance(n, ast.Import):
            modules.update({a.asname: a.name for a in n.names if a.asname and a.name.startswith("desktop.db.")})
    return modules, functions


def _db_calls(node: ast.AST, module: str, imported) -> list[tuple[tuple[str, str], int]]:
    """((desktop.db module, function), line) of the calls in `node` of a function of desktop/db; a plain name
    not imported is taken as a function of `module` itself."""
    modules, functions = imported
    out = []
    for n in ast.walk(node):
        if not isinstance(n, ast.Call):
            continue
        if isinstance(n.func, ast.Attribute):
            base = ast.unparse(n.func.value)
            found = modules.get(base, base if base.startswith("desktop.db.") else None)
            if found:
                out.append(((found, n.func.attr), n.lineno))
        elif isinstance(n.func, ast.Name):
            out.append((functions.get(n.func.id, (module, n.func.id)), n.lineno))
    return out


def _db_writers(sources: dict[str, str]) -> dict[str, set[str]]:
    """{module (desktop.db.repo): its functions that write rows}: a function whose own SQL inserts, updates or
    deletes, or that calls such a function of desktop/db (audit.add calls append), to a fixed point."""
    funcs = {}
    for name, code in sources.items():
        if name.startswith("desktop/db/") and name not in STORE_LEVEL and name != WRITER:
            tree = ast.parse(code)
            module = _db_module(name)
            funcs[module] = [(f, {c for c, _ in _db_calls(f, module, _imported(tree))})
                             for f in tree.body if isinstance(f, ast.FunctionDef)]
    found = {m: {f.name for f, _ in fs if any(WRITE_SQL.search(s) for s in _strings(f))} for m, fs in funcs.items()}
    while True:
        more = {(m, f.name) for m, fs in funcs.items() for f, calls in fs
                if f.name not in found[m] and any(c[1] in found.get(c[0], ()) for c in calls)}
        if not more:
            return {m: w for m, w in found.items() if w}
        for m, name in more:
            found[m].add(name)


def _writes_outside_the_writer(sources: dict[str, str]) -> list[str]:
    """file:line: module.function of each call of a row-writing function of desktop/db outside desktop/db/,
    however it was imported."""
    writers = _db_writers(sources)
    found = []
    for name, code in sources.items():
        if name.startswith("desktop/db/"):
            continue
        tree = ast.parse(code)
        imported = _imported(tree)
        found += [f"{name}:{line}: {m}.{f}" for (m, f), line in _db_calls(tree, "", imported)
                  if f in writers.get(m, ())]
    return sorted(found)


def test_rows_are_written_only_through_the_writer():
    """Every row a feature writes goes through desktop.db.writes.Writer (Services.write()): the status locks,
    the status read inside the write and the audit row are applied there, so no module outside desktop/db/
    calls a function of desktop/db that inserts, updates or deletes."""
    sources = _sources(ALL)
    writers = _db_writers(sources)
    assert {"put_dataset", "put_user", "put_values", "set_meta", "upsert_indicators"} <= writers["desktop.db.repo"]
    assert {"add", "append"} <= writers["desktop.db.audit"]
    assert {"replace_review_notes", "add_submission", "add_rule_set"} <= writers["desktop.db.workflow"]
    assert "get_dataset" not in writers["desktop.db.repo"]
    assert _writes_outside_the_writer(sources) == []


WRITE_SNIPPETS = {
    # the imported status as status_store.apply wrote it before it went through Writer.status
    "module": ("desktop/exchange/status_store.py",
               "from desktop.db import repo\n"
               "def apply(w, line):\n"
               "    repo.put_dataset(w.db, line)\n",
               "desktop.db.repo.put_dataset"),
    # an audit row of its own, the module imported under another name
    "alias": ("desktop/reports/pdf.py",
              "import desktop.db.audit as trail\n"
              "def f(db):\n"
              "    trail.add(db, user='u', field='x', old=None, new=None, source='s')\n",
              "desktop.db.audit.add"),
    # a function imported by name
    "function": ("desktop/workflow/service.py",
                 "from desktop.db.workflow import replace_review_notes as keep\n"
                 "def f(w):\n"
                 "    keep(w.db, 'r', 2021, {}, 'at', 'u')\n",
                 "desktop.db.workflow.replace_review_notes"),
}


@pytest.mark.parametrize("case", sorted(WRITE_SNIPPETS))
def test_the_write_path_check_finds_a_write_beside_the_writer(case):
    name, code, expected = WRITE_SNIPPETS[case]
    found = _writes_outside_the_writer(_sources_with(name, code))
    assert len(found) == 1 and found[0].startswith(f"{name}:") and found[0].endswith(f": {expected}")


def test_the_write_path_check_lets_reads_and_the_writer_be():
    sources = {"desktop/db/repo.py": "def get_dataset(db, r, y):\n"
                                     "    return db.execute('SELECT status FROM dataset WHERE region = ?', [r])\n"
                                     "def put_dataset(db, ds):\n"
                                     "    db.execute('INSERT INTO dataset(region) VALUES (?)', [ds.region])\n",
               "desktop/services.py": "from desktop.db import repo\n"
                                      "def f(self, w):\n"
                                      "    repo.get_dataset(self.store.db, 'r', 2021)\n"
                                      "    w.status('r', 2021, 'draft', 'submitted', 'cli')\n"
                                      "    self.put_dataset(1)\n"}
    assert _writes_outside_the_writer(sources) == []
    sources["desktop/services.py"] += "    repo.put_dataset(w.db, 1)\n"
    assert _writes_outside_the_writer(sources) == ["desktop/services.py:6: desktop.db.repo.put_dataset"]


# ---- the import graph: layers (pyproject.toml [tool.importlinter]) and no cycle ----------------------------

def _contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def _layer_units() -> list[str]:
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    return [name.strip() for layer in layers for name in re.split(r"[:|]", layer)]


def _unit_of(module: str, units: list[str]) -> str | None:
    found = [u for u in units if module == u or module.startswith(u + ".")]
    return max(found, key=len) if found else None


NO_LINTER = "import-linter (the test extra) is not installed here: run bash scripts/setup.sh"


def test_the_import_contracts_are_kept():
    """ui and cli above services, services above the features, features above db, db above the domain;
    no Qt below ui. import-linter comes with the test extra (scripts/setup.sh, CI); a venv made before it
    was added skips this visibly."""
    pytest.importorskip("importlinter", reason=NO_LINTER)
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")], capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_every_module_is_in_a_layer_and_under_the_qt_contract():
    units = _layer_units()
    modules = [_module(p) for p in sorted(DESKTOP.rglob("*.py"))]
    loose = [m for m in modules if _unit_of(m, units) is None and m not in ("desktop", "desktop.aggregate")]
    assert loose == []  # a new module gets its place in pyproject.toml's layers
    qt = next(c for c in _contracts() if c["type"] == "forbidden")
    uncovered = [u for u in units if u != "desktop.ui" and _unit_of(u, qt["source_modules"]) is None]
    assert uncovered == []  # every layer below ui is a source module of the Qt contract
    assert set(qt["forbidden_modules"]) >= {"PySide6", "shiboken6"}


def test_the_import_graph_has_no_cycle():
    """No cycle between modules, nor between the units of the layers (a package and its siblings), counting
    imports inside functions; imports only for type checking are left out (they never run)."""
    grimp = pytest.importorskip("grimp", reason=NO_LINTER)
    graph = grimp.build_graph("desktop", exclude_type_checking_imports=True)
    units = _layer_units()
    module_edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    unit_edges: dict[str, set[str]] = {}
    for m, targets in module_edges.items():
        a = _unit_of(m, units)
        for t in targets:
            b = _unit_of(t, units)
            if a and b and a != b:
                unit_edges.setdefault(a, set()).add(b)
    assert _cycles(module_edges) == []
    assert _cycles(unit_edges) == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


# ---- the pure cores of the feature packages ------------------------------------------------------------

PURE_CORES = ["desktop.workflow.core", "desktop.catalog_admin.core", "desktop.validation.engine",
              "desktop.aggregate.core", "desktop.extract.engine", "desktop.exchange.format",
              "desktop.exchange.layouts", "desktop.exchange.plan", "desktop.exchange.status"]
NOT_IN_A_CORE = ("desktop.db", "desktop.services", "sqlite3", "sqlite_utils", "openpyxl")


def _reaches(graph, module: str, forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden modules `module` imports, directly or through others (imports inside functions too)."""
    return sorted(m for m in graph.find_upstream_modules(module)
                  if any(m == f or m.startswith(f + ".") for f in forbidden))


def test_the_pure_cores_import_no_store_and_no_workbook():
    """A core decides over plain values: it imports neither the store (desktop.db, sqlite3, sqlite-utils) nor
    openpyxl, not even through another module. Written down as an import-linter contract too."""
    grimp = pytest.importorskip("grimp", reason=NO_LINTER)
    contract = next(c for c in _contracts() if c["type"] == "forbidden" and "desktop.db" in c["forbidden_modules"])
    assert sorted(contract["source_modules"]) == sorted(PURE_CORES)
    assert set(contract["forbidden_modules"]) == set(NOT_IN_A_CORE)
    graph = grimp.build_graph("desktop", include_external_packages=True, exclude_type_checking_imports=True)
    assert {m: _reaches(graph, m, NOT_IN_A_CORE) for m in PURE_CORES} == {m: [] for m in PURE_CORES}
    # the check sees what an adapter reads: the services of the same packages reach the store
    assert "desktop.db.repo" in _reaches(graph, "desktop.workflow.service", NOT_IN_A_CORE)
    assert "desktop.db.workflow" in _reaches(graph, "desktop.catalog_admin.service", NOT_IN_A_CORE)
    assert "openpyxl" in _reaches(graph, "desktop.exchange.reader", NOT_IN_A_CORE)


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_fail_open_import_fallbacks():
    """An `except ImportError` that carries on (pass, a default, return) turns a broken install into a silent
    pass: a password check skipped, a validation not run. A handler must raise (say what is missing)."""
    open_ = []
    for path in ALL:
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.ExceptHandler) or node.type is None:
                continue
            names = [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
            if {"ImportError", "ModuleNotFoundError"} & set(names) \
                    and not any(isinstance(n, ast.Raise) for n in ast.walk(node)):
                open_.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert open_ == []


def test_tests_skip_visibly_when_a_tool_is_missing():
    """A check that runs only `if shutil.which(...)` passes silently without the tool: skip (skipif) instead."""
    tests = sorted((ROOT / "tests").glob("test_*.py"))
    silent = [f"{p.name}:{n}" for p in tests for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if re.match(r"\s*if\s+shutil\.which\(", line)]
    assert silent == []


def test_the_window_start_path_does_not_import_sqlite_utils(db_path):
    """sqlite-utils (with click, dateutil, pluggy) costs 75-300 ms: the core the window loads before its first
    paint, opening a store and reading and writing a region-year, does without it; asked for, it is there."""
    code = ("import sys\n"
            "from desktop.ui.app import preload_core\n"
            "preload_core()\n"
            "from desktop.services import Services\n"
            f"s = Services.open({str(db_path)!r})\n"
            "s.set_value('330381', 2021, 'BEDS_PER_1000', 4.2, note='新院区')\n"
            "assert s.get_region_year('330381', 2021).values['BEDS_PER_1000'].value == 4.2\n"
            "print('sqlite_utils' in sys.modules, end=' ')\n"
            "print(s.store.db['value'].count, 'sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.split() == ["False", "1", "True"]


# ---- SQL a server database can take --------------------------------------------------------------------------

# Reserved in PostgreSQL 15 (Appendix C: "reserved", with or without "can be function or type"): not usable
# unquoted as a table or column name there.
RESERVED_POSTGRESQL = set("""
all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation
column concurrently constraint create cross current_catalog current_date current_role current_schema current_time
current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze
from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit
localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references
returning right select session_user similar some symmetric system_user table tablesample then to trailing true union
unique user using variadic verbose when where window with""".split())
# Reserved in MySQL 8.0 (the keywords marked (R) in its manual; MariaDB reserves nearly the same).
RESERVED_MYSQL = set("""
accessible add all alter analyze and as asc asensitive before between bigint binary blob both by call cascade case
change char character check collate column condition constraint continue convert create cross cube cume_dist
current_date current_time current_timestamp current_user cursor database databases day_hour day_microsecond
day_minute day_second dec decimal declare default delayed delete dense_rank desc describe deterministic distinct
distinctrow div double drop dual each else elseif empty enclosed escaped except exists exit explain false fetch
first_value float float4 float8 for force foreign from fulltext function generated get grant group grouping groups
having high_priority hour_microsecond hour_minute hour_second if ignore in index infile inner inout insensitive insert
int int1 int2 int3 int4 int8 integer intersect interval into io_after_gtids io_before_gtids is iterate join
json_table key keys kill lag last_value lateral lead leading leave left like limit linear lines load localtime
localtimestamp lock long longblob longtext loop low_priority master_bind master_ssl_verify_server_cert match maxvalue
mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod modifies natural not
no_write_to_binlog nth_value ntile null numeric of on optimize optimizer_costs option optionally or order out outer
outfile over partition percent_rank precision primary procedure purge range rank read reads read_write real
recursive references regexp release rename repeat replace require resignal restrict return revoke right rlike row
rows row_number schema schemas second_microsecond select sensitive separator set show signal smallint spatial
specific sql sqlexception sqlstate sqlwarning sql_big_result sql_calc_found_rows sql_small_result ssl starting stored
straight_join system table terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique
unlock unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying
virtual when where while window with write xor year_month zerofill""".split())
RESERVED = RESERVED_POSTGRESQL | RESERVED_MYSQL


def _reserved_names(schema: dict[str, tuple[str, ...]]) -> list[str]:
    """Tables and table.columns of `schema` named by a word PostgreSQL or MySQL reserves."""
    return sorted([t for t in schema if t.lower() in RESERVED]
                  + [f"{t}.{c}" for t, cols in schema.items() for c in cols if c.lower() in RESERVED])


def test_no_table_or_column_is_named_by_a_reserved_word(db_path):
    from desktop.db.restore import _schema, reference_schema

    conn = sqlite3.connect(db_path)
    try:
        assert _reserved_names(_schema(conn)) == []
    finally:
        conn.close()
    # the check finds them: the schema before migration 8 had the table `user` and meta's column `key`,
    # before migration 7 the audit's column `user`
    assert _reserved_names(reference_schema(7)) == ["meta.key", "user"]
    assert "audit.user" in _reserved_names(reference_schema(6))
    # words a server database takes as names (non-reserved there) are not flagged
    assert _reserved_names({"value": ("year", "value", "level", "at", "name", "text", "hash", "min", "max")}) == []


def test_a_store_with_user_columns_is_upgraded_and_its_audit_chain_still_holds(services, db_path):
    services.set_value("330381", 2021, "BEDS_PER_1000", 4.2)
    services.close()
    conn = sqlite3.connect(db_path)  # as a store of schema 6 had them
    for table in ("audit", "submission", "rule_set", "review_note"):
        conn.execute(f"ALTER TABLE {table} RENAME COLUMN actor TO user")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Services.open(db_path) as s:
        assert s.verify_audit() == []
        assert [(r.user, r.field, r.new) for r in s.audit("330381", 2021)] == [("admin", "value", 4.2)]


def test_no_test_asserts_on_the_clock():
    """Speed is measured in bench/ as ratios to a floor of the same run; an assert on elapsed time fails on a
    busy machine and proves nothing on a fast one."""
    tests = sorted((ROOT / "tests").glob("test_*.py"))
    rx = re.compile(r"^\s*assert\b.*(perf_counter|monotonic|time\.time\(\)|\bwaited\b|\belapsed\b)")
    found = [f"{p.name}:{n}" for p in tests for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if rx.search(line)]
    assert found == []


# ---- Qt stays in desktop/ui ----------------------------------------------------------------------------

def test_no_core_module_names_qt():
    """Every module outside desktop/ui, not a chosen few: an import of PySide6 or shiboken6 anywhere fails."""
    found = []
    for path in CORE:
        for node in ast.walk(_tree(path)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names
                      if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6") or n.startswith("desktop.ui")]
    assert found == []


def test_every_core_module_imports_without_qt():
    modules = [_module(p) for p in CORE]
    assert len(modules) > 60
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# ---- the policy, as the write path applies it ------------------------------------------------------------

def test_policy_locks_values_and_targets_by_status():
    assert policy.value_lock("draft", "瑞安市 2021年") is None
    assert policy.value_lock("returned", "瑞安市 2021年") is None
    assert policy.value_lock("submitted", "瑞安市 2021年") == "瑞安市 2021年数据已提交，待审核期间不能修改；如需修改请先由审核人退回"
    assert policy.value_lock("accepted", "瑞安市 2021年").startswith("瑞安市 2021年数据已被上级接收，只读")
    assert policy.target_lock("submitted", "瑞安市 2021年") is None
    assert policy.target_lock("approved", "瑞安市 2021年", "每千人口医疗机构床位数") == \
        "瑞安市 2021年数据已审核通过，目标值只读（每千人口医疗机构床位数）；如需修改请先由审核人重新打开"
    assert policy.allowed_actions("submitted", "clerk") == []
    assert policy.allowed_actions("submitted", "supervisor") == ["approve", "return"]


def _set_status(services: Services, region: str, year: int, status: str) -> None:
    with services.write() as w:
        w.status(region, year, services.dataset(region, year).status, status, "test")


@pytest.mark.parametrize("status", ["submitted", "approved"])  # accepted: the policy test above
def test_a_locked_dataset_refuses_values_from_every_writer_and_audits_the_refusal(services, status):
    services.set_value("330381", 2021, "BEDS_PER_1000", 5.1)
    _set_status(services, "330381", 2021, status)
    before = len(services.audit())
    with pytest.raises(DatasetLocked, match="瑞安市 2021年数据"):
        services.apply_changes([ValueChange("330381", 2021, "BEDS_PER_1000", 6.0)], "paste")
    assert services.get_region_year("330381", 2021).values["BEDS_PER_1000"].value == 5.1
    rows = services.audit()[before:]
    assert [(r.field, r.region, r.year, r.indicator) for r in rows] == \
        [("denied", "330381", 2021, "BEDS_PER_1000")]
    with pytest.raises(writes.Locked):  # the Writer itself, as the importer uses it
        with services.write() as w:
            w.values([writes.ValueWrite("330381", 2021, "BEDS_PER_1000", 7.0, None, "import:x")])
    assert services.verify_audit() == []


def test_the_writer_audits_each_value_and_note_in_one_chain(services):
    with services.write() as w:
        n = w.values([writes.ValueWrite("330381", 2021, "BEDS_PER_1000", 5.1, "新院区", "paste"),
                      writes.ValueWrite("330381", 2021, "DOCTORS_PER_1000", 3.2, None, "paste")])
        assert n == 2
        # KEEP changes only the note
        assert w.values([writes.ValueWrite("330381", 2021, "BEDS_PER_1000", writes.KEEP, "新院区投用", "import:a")]) == 1
    ry = services.get_region_year("330381", 2021)
    assert (ry.values["BEDS_PER_1000"].value, ry.values["BEDS_PER_1000"].note) == (5.1, "新院区投用")
    rows = [(r.field, r.indicator, r.old, r.new, r.source) for r in services.audit("330381", 2021)]
    assert rows == [("value", "BEDS_PER_1000", None, 5.1, "paste"), ("note", "BEDS_PER_1000", "", "新院区", "paste"),
                    ("value", "DOCTORS_PER_1000", None, 3.2, "paste"),
                    ("note", "BEDS_PER_1000", "新院区", "新院区投用", "import:a")]
    assert services.verify_audit() == []
    assert services.verify_values() == []



def test_a_transaction_that_changes_rows_without_an_audit_row_is_refused_and_rolled_back(services):
    before = services.audit()
    with pytest.raises(writes.UnauditedWrite, match="meta"):
        with services.write() as w:
            w.meta("home_region", "330381")  # a row changed, and no record(): a fault of the program
    assert services.home_region() is None  # rolled back: nothing of it is stored
    assert services.audit() == before
    with services.write() as w:  # with its audit row the same change is stored
        w.meta("home_region", "330381")
        w.record("home", None, "330381", "cli")
    assert services.home_region() == "330381"


def test_setting_the_home_region_is_audited_and_the_chain_holds(services):
    from desktop.first_start import set_home_region

    set_home_region(services, "瑞安市")
    set_home_region(services, "330381")  # the same region again: nothing to change, no row
    set_home_region(services, "乐清市", source="cli")
    rows = [(r.field, r.old, r.new, r.source) for r in services.audit() if r.field == "home"]
    assert rows == [("home", None, "330381", "init"), ("home", "330381", "330382", "cli")]
    assert services.home_region() == "330382"
    assert services.verify_audit() == []

# ---- the words for codes: desktop.domain's vocabularies, nowhere else -------------------------------------

def _vocabularies() -> dict[str, set[str]]:
    """Every code → word table of desktop.domain (STATUS_NAMES, ROLE_NAMES, KIND_NAMES, SOURCE_NAMES …)."""
    from desktop import domain

    def cjk(text) -> bool:
        return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)

    return {name: set(table) for name, table in vars(domain).items()
            if name.isupper() and isinstance(table, dict) and table and all(cjk(v) for v in table.values())}


def _word(node: ast.AST) -> bool:
    """A word shown for a code: "草稿" or self.tr("草稿") / translate(…, "草稿"); a sentence (，；。 or a
    {placeholder}) is a message about the code, not its name."""
    if isinstance(node, ast.Call):
        return any(_word(a) for a in node.args)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) \
        and any("\u4e00" <= ch <= "\u9fff" for ch in node.value) and not re.search(r"[，；。：！？{]", node.value)


def _own_word_lists(tree: ast.AST, vocabularies: dict[str, set[str]]) -> list[tuple[int, str]]:
    """(line, vocabulary) of each dict literal, or list/tuple of (code, word) pairs, whose keys are all codes of
    one vocabulary (at least two; a key None aside) and that gives words for them."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            pairs = list(zip(node.keys, node.values))
        elif isinstance(node, (ast.List, ast.Tuple)) and node.elts \
                and all(isinstance(e, (ast.Tuple, ast.List)) and len(e.elts) == 2 for e in node.elts):
            pairs = [tuple(e.elts) for e in node.elts]
        else:
            continue
        pairs = [(k, v) for k, v in pairs if not (isinstance(k, ast.Constant) and k.value is None)]  # None: no code
        keys = [k.value for k, _v in pairs if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        if len(keys) < 2 or len(keys) != len(pairs) or sum(_word(v) for _k, v in pairs) < 2:
            continue
        found += [(node.lineno, name) for name, codes in vocabularies.items() if set(keys) <= codes]
    return found


def test_no_module_keeps_its_own_words_for_the_codes_of_a_vocabulary():
    """The window, the CLI and the reports take the word for a status, role, level, rule, severity, kind, method,
    audit field, source or absence from desktop.domain (the window through desktop/ui/vocabulary.py, translated);
    a second list drifts (the window said 已审核 where a restore said nothing for 已接收)."""
    vocabularies = _vocabularies()
    assert {"STATUS_WORDS", "ROLE_NAMES", "LEVEL_NAMES", "RULE_NAMES", "KIND_NAMES", "SOURCE_NAMES",
            "CHECK_NAMES", "METHOD_NAMES", "AUDIT_FIELD_NAMES", "ABSENCE_KINDS"} <= set(vocabularies)
    own = [f"{path.relative_to(ROOT)}:{line} {name}" for path in ALL if path != DESKTOP / "domain.py"
           for line, name in _own_word_lists(_tree(path), vocabularies)]
    assert own == []


def test_the_word_list_finder_finds_a_word_list():
    vocabularies = _vocabularies()
    found = _own_word_lists(ast.parse(
        'roles = {"clerk": self.tr("填报员"), "supervisor": self.tr("审核人"), "admin": self.tr("管理员")}\n'
        'kinds = [("count", "数量"), ("rate", "比率（%）")]\n'
        'tree = {"draft": self.tr("草稿"), "returned": self.tr("已退回"), None: self.tr("未填报")}\n'
        'why = {"submitted": "已提交，待审核期间不能修改", "approved": "已审核通过，只读"}\n'  # messages, not names
        'shape = {"status": 1, "note": 2}\n'), vocabularies)
    assert sorted(found) == \
        [(1, "ROLE_NAMES"), (2, "KIND_NAMES"), (3, "STATUS_NAMES"), (3, "STATUS_WORDS")]
