"""Reference value of the ``flavour`` suite: flavio's C9 for the S3 benchmark couplings.

Run ``python -m recast.validation.reference_flavio`` (needs the ``test`` extra: flavio,
wilson). It puts the S3 benchmark's tree-level SMEFT coefficients at the matching scale
M = 1.5 TeV and lets flavio (through wilson) run them to 4.8 GeV and translate them to the
flavio WET basis with flavio's default parameters (its own CKM and α):

* S3 (3̄,3,1/3) with ``L ⊃ y_ij Q̄ᶜ_i iσ₂ σ^a L_j S3^a`` gives, at tree level,
  C_lq(1) = 3 c/4 and C_lq(3) = c/4 with c = y_bμ y_sμ*/M² (tree-level part of
  arXiv:2003.12525); the (s̄γP_L b)(μ̄γP_L μ) component is C_lq(1) + C_lq(3) = c, the
  coupling recast's own matching uses (:mod:`recast.lowenergy.wilson`), so both start from
  the same number and only running, CKM and α differ (the 3 : 1 split only affects the
  small electroweak running);
* the Warsaw-basis index ``2223`` is (l̄_2 γ l_2)(q̄_2 γ q_3), i.e. μ and s̄ … b.

The printed Re C9_bsmumu is the ``published`` value of check ``c9_s3_benchmark`` in
``recast/data/1.0.0/validation.yaml``; flavio's value is complex through the CKM phase
(Im C9 ≈ 0.02 Re C9), recast's is real.
"""

from __future__ import annotations

__all__ = ["flavio_c9", "main"]

MATCHING_SCALE_GEV = 1500.0  # the S3 benchmark mass (recast.models S3 default)
LOW_SCALE_GEV = 4.8  # flavio's b→sμμ scale


def __dir__() -> list[str]:
    return __all__


def flavio_c9(y_bmu: float = 1.0, y_smu: float | None = None, mass_GeV: float = MATCHING_SCALE_GEV) -> complex:
    """flavio's C9_bsmumu (NP, flavio basis, at 4.8 GeV) for S3 couplings y_bμ, y_sμ at mass M.

    ``y_smu`` defaults to the benchmark's V_cb (M / 8 TeV)² as set by ``get_model("S3")``.
    """
    import flavio

    from recast.models import get_model

    if y_smu is None:
        p = get_model("S3", mass=mass_GeV).params
        y_bmu, y_smu = p["y_bmu"], p["y_smu"]
    c = y_bmu * y_smu / mass_GeV**2
    wc = flavio.WilsonCoefficients()
    wc.set_initial({"lq1_2223": 0.75 * c, "lq3_2223": 0.25 * c}, scale=mass_GeV, eft="SMEFT", basis="Warsaw")
    wc.set_option("smeft_accuracy", "integrate")  # wilson's default, explicit: importing smelli changes the default
    par = flavio.default_parameters.get_central_all()
    return complex(wc.get_wc("bsmumu", LOW_SCALE_GEV, par)["C9_bsmumu"])


def main() -> None:
    """Print flavio's C9 for the S3 benchmark and the versions used."""
    import flavio
    import wilson

    c9 = flavio_c9()
    print(
        f"flavio {flavio.__version__}, wilson {wilson.__version__}: C9_bsmumu(4.8 GeV) = {c9.real:.5f} {c9.imag:+.5f}i"
    )


if __name__ == "__main__":
    main()
