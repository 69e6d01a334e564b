"""Model-space scans: dimuon limit and flavour fit for many Z′ models and masses, on Dask.

* :mod:`recast.scan.xsec`: σ(pp → Z′) per unit quark coupling and the fiducial acceptance
  (a Pythia 8 table shipped in ``recast/data/1.0.0``).
* :mod:`recast.scan.searches`: per mass, every Z′ dimuon search's limit on σ×B(μμ) (through
  :func:`recast.chain.evaluate_point`), the constraining search and the combination.
* :mod:`recast.scan.points`: one (model, mass) point: dimuon verdicts and flavour verdict (:func:`point_verdict`).
* :mod:`recast.scan.runner`: Dask execution (LocalCluster, existing scheduler, synchronous)
  with an on-disk cache keyed by the inputs (resumable).
* :mod:`recast.scan.table`: per-model summary, viability ranking, CSV + JSON output.
* :mod:`recast.scan.select`: models (atlas filters, named models) and mass grids.

Example:
    >>> from recast.scan import parse_scan_masses, scan_models
    >>> [m.label for m in scan_models("Zp", ids=["A0001", "A0010"], muoquark="S3")], parse_scan_masses("500:1000:250")
    (['A0001', 'A0010'], [500.0, 750.0, 1000.0])
"""

from recast.scan.points import MAX_WIDTH_RATIO, ScanModel, dimuon_limits, flavour_point, point_verdict, width_factor
from recast.scan.runner import SCAN_VERSION, ScanRun, run_scan
from recast.scan.searches import scan_analyses, search_limits
from recast.scan.select import MASS_RANGE_GEV, parse_scan_masses, scan_models
from recast.scan.table import CSV_COLUMNS, format_ranges, summarise, write_outputs
from recast.scan.xsec import fiducial_acceptance, unit_xsec_pb

#: Earlier public names, kept: :func:`point_verdict` (not :func:`recast.chain.evaluate_point`, one
#: signal point through one analysis) and :func:`parse_scan_masses` (:func:`recast.masses.parse_masses`
#: within :data:`MASS_RANGE_GEV`).
evaluate_point = point_verdict
parse_masses = parse_scan_masses

__all__ = [
    "CSV_COLUMNS",
    "MASS_RANGE_GEV",
    "MAX_WIDTH_RATIO",
    "SCAN_VERSION",
    "ScanModel",
    "ScanRun",
    "dimuon_limits",
    "evaluate_point",
    "fiducial_acceptance",
    "flavour_point",
    "format_ranges",
    "parse_masses",
    "parse_scan_masses",
    "point_verdict",
    "run_scan",
    "scan_analyses",
    "scan_models",
    "search_limits",
    "summarise",
    "unit_xsec_pb",
    "width_factor",
    "write_outputs",
]


def __dir__() -> list[str]:
    return __all__
