"""Layers point one way: imports read from the source (including imports inside functions).

* ``recast.models`` (with the named U(1)_X charges) sits below the charge atlas ``recast.u1x``;
* the event layer owns the Pythia settings and constructor; ``recast.cards`` only writes them;
* the detector and :mod:`recast.quiet` sit below the event layer;
* no module uses another package's private module or private name;
* one list of leptoquarks;
* the core never imports a plugin by name (plugins are found through the ``recast.analyses`` entry
  points), and neither the core nor the plugins import the development tools in ``scripts/``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The built-in plugin package: import name ``recast_analyses``, in the checkout's top-level ``analyses/`` folder.
PLUGINS = "analyses/recast_analyses"
SOURCES = ("recast", PLUGINS, "scripts", "benchmarks")


def _module_name(path: Path) -> str:
    """The import name of *path*: relative to the checkout, or to ``analyses/`` for the plugins."""
    base = ROOT / "analyses" if path.is_relative_to(ROOT / PLUGINS) else ROOT
    name = ".".join(path.relative_to(base).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """``(line, module, names)`` of every absolute import in ``path``, at any depth."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names]
    return out


def _files(*tops: str) -> list[Path]:
    return sorted(p for top in tops for p in (ROOT / top).rglob("*.py"))


def _package(module: str) -> str:
    """``recast.u1x.report`` -> ``recast.u1x``; ``recast.detector`` -> ``recast.detector``."""
    return ".".join(module.split(".")[:2])


def _private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


#: Known upward imports still to remove (issue 11), each with its reason. Nothing may join.
KNOWN_UPWARD = {
    # get_model("Zp", charges="A0042") resolves an atlas id through the atlas' enumeration (lazy, optional import;
    # recast.u1x.enumerate imports only recast.models.charges and recast.exceptions)
    ("recast/models/__init__.py", "recast.u1x.enumerate"),
    # recast.io reads LHE/HepMC wherever it reads ntuples, converting them through the event layer (lazy imports)
    ("recast/io.py", "recast.events.files"),
}


def _offences(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for path in files
        for line, module, _ in _imports(path)
        if any(module == f or module.startswith(f + ".") for f in forbidden)
        and (str(path.relative_to(ROOT)), module) not in KNOWN_UPWARD
    ]


def test_the_import_reader_sees_nested_imports(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from recast.u1x import Charges\n    import recast.events._quiet\n")
    assert _imports(src) == [(2, "recast.u1x", ["Charges"]), (3, "recast.events._quiet", [])]
    assert _package("recast.events._quiet") == "recast.events" and _private("_quiet") and not _private("__init__")
    assert _module_name(ROOT / PLUGINS / "lq_mumujj" / "selection.py") == "recast_analyses.lq_mumujj.selection"
    assert _module_name(ROOT / "recast" / "u1x" / "__init__.py") == "recast.u1x"


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (
            "recast/models",
            ("recast.u1x", "recast.events", "recast.cards", "recast.scan", "recast.cli", "recast.chain"),
        ),
        ("recast/events", ("recast.cards", "recast.scan", "recast.cli", "recast.chain", "recast_analyses")),
        ("recast/u1x", ("recast.events", "recast.cards", "recast.scan", "recast.cli", "recast.chain")),
        # cards name and describe the UFOs; recast.ufo writes them (with the cards' SLHA writer): one way
        ("recast/cards", ("recast.ufo", "recast.scan", "recast.cli", "recast.chain")),
    ],
)
def test_layer_never_imports_upwards(layer, forbidden):
    assert _offences(_files(layer), forbidden) == []


def test_the_core_never_imports_a_plugin_or_a_script():
    assert _offences(_files("recast"), ("recast_analyses", "scripts", "analyses")) == []
    assert _offences(_files(PLUGINS), ("scripts",)) == []


ORCHESTRATOR = ("recast.chain", "recast.scan", "recast.cli", "recast.api", "recast.validation", "recast.viability")


def test_no_plugin_imports_the_orchestrator():
    """Plugins sit below the chain that runs them: recast's chain is handed to them (recast.analysis.protocol.Chain)."""
    plugins = _files(PLUGINS)
    assert len(plugins) > 10  # the three shipped plugins' modules
    assert _offences(plugins, ORCHESTRATOR) == []


@pytest.mark.parametrize("module", ["recast/detector.py", "recast/quiet.py"])
def test_detector_and_quiet_sit_below_events(module):
    assert _offences([ROOT / module], ("recast.events", "recast.cards", "recast.scan", "recast.cli")) == []


def test_no_private_helper_crosses_a_package():
    bad = []
    for path in _files(*SOURCES):
        here = _package(_module_name(path))
        for line, module, names in _imports(path):
            if not module.startswith(("recast", "recast_analyses")) or _package(module) == here:
                continue
            hidden = [p for p in module.split(".") if _private(p)] + [n for n in names if _private(n)]
            if hidden:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {module} {hidden}")
    assert bad == []


def test_pythia_is_built_in_one_place():
    """Only :func:`recast.events.pythia.new_pythia` calls ``pythia8mc.Pythia(...)``."""
    makers = [
        str(path.relative_to(ROOT))
        for path in _files(*SOURCES)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Pythia"
    ]
    assert makers == ["recast/events/pythia.py"]


def test_cards_take_the_settings_from_the_event_layer():
    import recast.cards.pythia as card
    from recast.events import pythia_settings, settings

    assert card.pythia_settings is settings.pythia_settings is pythia_settings
    assert card.pythia_zprime_couplings is settings.pythia_zprime_couplings


def test_named_charges_live_in_models_and_the_atlas_reexports_them():
    """The charge atlas is recast.u1x (issue 23: "atlas" also named the ATLAS experiment)."""
    import recast.models
    import recast.u1x
    import recast.u1x.charges
    from recast.models import charges

    assert recast.u1x.Charges is recast.models.Charges is charges.Charges
    assert recast.u1x.NAMED_CHARGES is recast.u1x.charges.NAMED_CHARGES is charges.NAMED_CHARGES
    assert recast.u1x.named_charges is charges.named_charges
    # B - 3L_mu: X_Q = 1/3 for every family, X_L = (0, -3, 0) (arXiv:2107.07518)
    b3l = charges.named_charges("B-3Lmu")
    assert str(b3l.Q[0]) == "1/3" and [str(x) for x in b3l.L] == ["0", "-3", "0"]


def test_one_list_of_leptoquarks():
    import recast.u1x.muoquark as mq
    from recast import models

    assert models.LEPTOQUARK_NAMES == ("S3", "S1", "R2", "Spm") == tuple(models.LEPTOQUARKS)
    assert mq.LEPTOQUARK_NAMES is models.LEPTOQUARK_NAMES
    assert tuple(mq.REPRESENTATIONS) == tuple(mq.SELECTION_RULES) == models.LEPTOQUARK_NAMES
    assert all(models.get_model(name).kind == "leptoquark" for name in models.LEPTOQUARK_NAMES)


#: The model kinds: labels for output (``model.kind``), never switched on.
MODEL_KINDS = {"leptoquark", "zprime"}


def _kind_comparisons(path: Path) -> list[str]:
    """``file:line`` of every ``==``/``!=`` with a ``kind`` operand (``x.kind`` or a name ``kind``) or a
    model-kind string, and of every ``case`` on a model-kind string. (``"zprime" in ana.applies_to``,
    an analysis declaring the kinds it constrains, is data, not a switch.)"""

    def named_kind(node: ast.expr) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "kind") or (
            isinstance(node, ast.Name) and node.id == "kind"
        )

    def kind_literal(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Constant) and n.value in MODEL_KINDS for n in ast.walk(node))

    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            eq = any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops)
            if eq and any(named_kind(x) or kind_literal(x) for x in operands):
                bad.append(f"{where}:{node.lineno}")
        elif isinstance(node, ast.match_case) and kind_literal(node.pattern):
            bad.append(f"{where}:{node.pattern.lineno}")
    return bad


def test_the_kind_reader_sees_every_form(tmp_path):
    src = tmp_path / "k.py"
    src.write_text(
        "if model.kind == 'zprime': pass\n"
        "if kind != 'A': pass\n"
        "if 'leptoquark' != label: pass\n"
        "match m.kind:\n    case 'zprime': pass\n"
        "if isinstance(model, ZPrimeModel) and model.kind in ana.applies_to and 'zprime' in kinds: pass\n"
    )
    assert _kind_comparisons(src) == ["k.py:1", "k.py:2", "k.py:3", "k.py:5"]


def test_no_kind_comparisons_remain():
    """Model kinds are classes (:class:`recast.models.Leptoquark`, :class:`recast.models.ZPrimeModel`):
    behaviour is a method or an ``isinstance`` test, ``model.kind`` only a label. None allowed."""
    assert [bad for path in _files("recast") for bad in _kind_comparisons(path)] == []


def test_the_default_mass_scan_is_a_property_of_the_model_kind():
    """`recast limits`' default masses hang on the kind's class (no table keyed by ``model.kind``): for
    every model they bracket its published limit and, for leptoquarks, stay inside the NNLO+NNLL σ table."""
    import recast.chain
    from recast.masses import parse_masses
    from recast.models import Leptoquark, ZPrimeModel, get_model, model_names
    from recast.xsec import lq_pair_table

    assert not hasattr(recast.chain, "DEFAULT_MASSES")
    table_masses = lq_pair_table()[0]
    for name in model_names():
        model = get_model(name, charges="B-3Lmu") if name == "Zp" else get_model(name)
        masses = parse_masses(model.DEFAULT_MASSES)
        kind = Leptoquark if isinstance(model, Leptoquark) else ZPrimeModel
        assert isinstance(model, kind) and model.DEFAULT_MASSES == kind.DEFAULT_MASSES
        if kind is Leptoquark:  # LQ pairs, B(μq) = 1: 1.7 TeV (arXiv:2006.05872)
            assert masses[0] < 1700.0 < masses[-1] and table_masses[0] <= masses[0] and masses[-1] <= table_masses[-1]
        else:  # Z'_ψ > 4.5 TeV (ATLAS ee+μμ, arXiv:1903.06248 abstract), Z'_SSM > 5.15 TeV (CMS, arXiv:2103.02708)
            assert masses[0] < 4500.0 < 5150.0 < masses[-1]


def test_no_import_cycle_between_packages():
    """No two recast packages import each other (at any depth), except through :data:`KNOWN_UPWARD`."""
    edges: dict[str, set[str]] = {}
    for path in _files("recast"):
        src, rel = _package(_module_name(path)), str(path.relative_to(ROOT))
        for _, module, _ in _imports(path):
            dst = _package(module)
            if module.startswith("recast.") and dst != src and (rel, module) not in KNOWN_UPWARD:
                edges.setdefault(src, set()).add(dst)
    cycles = sorted({tuple(sorted((a, b))) for a, outs in edges.items() for b in outs if a in edges.get(b, set())})
    assert cycles == []


def _float_literals(files: list[Path], hit: Callable[[float], bool]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}"
        for path in files
        if path != ROOT / "recast" / "constants.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and hit(node.value)
    ]


def test_constants_have_one_home():
    """In the core, the muon mass and the collision energy are written once, in recast.constants (issue 23:
    the muon mass was written three times, 13000 GeV in five signatures). The plugins take the muon mass from
    there too; they keep their paper's √s (a property of the search, e.g. atlas_1903_06248's SQRT_S_GEV)."""
    from recast.constants import M_MU, SQRT_S

    assert _float_literals(_files("recast"), lambda v: abs(v - M_MU) < 1e-6 or v == SQRT_S) == []
    assert _float_literals(_files(PLUGINS), lambda v: abs(v - M_MU) < 1e-6) == []


def test_duplicated_names_have_one_home():
    """``parse_masses``, ``evaluate_point`` and ``SCHEMA_VERSION`` are each defined once in the core (issue 23:
    two parse_masses, two evaluate_point, three SCHEMA_VERSION); other modules import or re-export them."""
    homes: dict[str, list[str]] = {"parse_masses": [], "evaluate_point": [], "SCHEMA_VERSION": []}
    for path in _files("recast"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in homes:
                homes[node.name].append(str(path.relative_to(ROOT)))
            if isinstance(node, ast.Assign) and not isinstance(node.value, ast.Name):  # `a = b`: a re-export
                for t in node.targets:
                    if isinstance(t, ast.Name) and t.id in homes:
                        homes[t.id].append(str(path.relative_to(ROOT)))
    assert homes == {
        "parse_masses": ["recast/masses.py"],
        "evaluate_point": ["recast/chain.py"],
        "SCHEMA_VERSION": ["recast/schemas/__init__.py"],
    }


def test_the_runner_sits_below_the_orchestrators():
    """recast.runner (in process / fork / Dask) is a low layer: stdlib, tqdm, Dask, recast.exceptions and
    recast.blas (one BLAS thread per forked worker) only."""
    path = ROOT / "recast" / "runner.py"
    assert _offences([path], (*ORCHESTRATOR, "recast_analyses")) == []
    recast_imports = {module for _, module, _ in _imports(path) if module.split(".")[0] == "recast"}
    assert recast_imports == {"recast.exceptions", "recast.blas"}


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("recast/results.py", {"recast.schemas"}),
        ("recast/schemas/__init__.py", {"recast.exceptions"}),
        ("recast/atomic.py", {"recast.exceptions"}),
    ],
)
def test_the_main_jobs_result_and_output_layers_sit_at_the_bottom(module, allowed):
    """The main job goes down and does not come back: the orchestrator (recast.chain.cached_limits) writes,
    reads back (recast.results.read_output) and copies (recast.atomic.copy_dir); those sit on the
    schemas and exceptions only, so no call from them returns into a layer above."""
    recast_imports = {m for _, m, _ in _imports(ROOT / module) if m.split(".")[0] == "recast"}
    assert recast_imports == allowed



def _reimports(path: Path) -> list[str]:
    """``file:line module`` of each in-function import from a recast module that *path* imports at its top."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
    return [f"{path.name}:{n.lineno} {n.module}"
            for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
            for n in ast.walk(fn)
            if isinstance(n, ast.ImportFrom) and n.module in top
            and n.module.split(".")[0] in ("recast", "recast_analyses")]


def test_the_reimport_reader_finds_one(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("from recast.models import Model\n\n\ndef f():\n    from recast.models import get_model\n"
                   "    from recast.stats import upper_limit\n")
    assert _reimports(src) == ["m.py:5 recast.models"]


def test_no_function_imports_again_what_its_module_imports_at_the_top():
    """A name from a module the file already imports at module level is imported there too, not in a function."""
    assert [r for path in _files("recast", PLUGINS) for r in _reimports(path)] == []
