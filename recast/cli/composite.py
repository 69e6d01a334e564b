"""`recast models` lines and `recast models show NAME` text of the composite presets (recast.viability)."""

from __future__ import annotations

from recast.viability import CompositeModel, get_composite, preset_names

__all__ = ["composite_summaries", "is_composite", "show_composite"]


def __dir__() -> list[str]:
    return __all__


def is_composite(name: str) -> bool:
    """True if ``name`` is a composite preset (case-insensitive)."""
    return name.lower() in {n.lower() for n in preset_names()}


def composite_summaries() -> list[str]:
    """One line per preset for `recast models`."""
    return [f"{n:<14} {'composite':<11} {get_composite(n).description}" for n in preset_names()]


def _coupling_lines(model: CompositeModel) -> list[str]:
    lines = []
    for lq in model.leptoquarks:
        x = f", X = {model.lq_charges[lq.name]}" if lq.name in model.lq_charges else ""
        lines.append(f"  {lq.name}{x}: {lq.description}")
        for p in lq.PARAMETERS:
            if lq.params[p.name]:
                unit = f" {p.unit}" if p.unit else ""
                lines.append(f"    {p.name} = {lq.params[p.name]:.6g}{unit}: {p.description}")
    zp = model.zprime
    if zp is not None:
        g_v, g_a, g_nu = zp.muon_couplings()
        lines += [f"  Z' of U(1)_X: M_Z' = {zp.mass:g} GeV, g_X = {zp.g_x:g}, g_bs = {zp.g_bs:g} "
                  "(L ⊃ g_bs Z' s̄γ^μ P_L b + h.c.)",
                  f"    muon: g_V = {g_v:+.4g}, g_A = {g_a:+.4g} (μ̄γ^μ(g_V + g_A γ5)μ); ν_μ: g_L = {g_nu:+.4g}"]
    return lines


def show_composite(name: str) -> str:
    """Mediators, U(1)_X charges, couplings with their sign conventions, and the source of each number."""
    model = get_composite(name)
    lines = [f"model {model.name} (composite, {model.mediators} mediators): {model.description}", ""]
    if model.charges is not None:
        lines += [f"U(1)_X: {model.charges.name or 'charges'}: {model.charges.label()} H={model.charges.H}"]
        lines += [f"  {s}" for s in model.scalars]
        lines.append("")
    lines += ["mediators and couplings (GeV; dimensionless couplings):", *_coupling_lines(model), ""]
    lines += ["sign conventions: S3 L ⊃ y Q̄ᶜ iσ2 σ^a L S3^a (down-quark basis): C9 = -C10 < 0 needs y_bmu y_smu > 0, "
              "so the texture (V_td, V_ts, 1) eta_3 enters as (-V_td, -V_ts, 1) eta_3; S1 yL_bmu yR_tmu > 0 and "
              "R2 yRL_tmu yLR_bmu > 0 give Delta a_mu > 0; Z' couplings g_X X_F per Weyl fermion", ""]
    from recast.lowenergy.clfv import clfv_lines
    from recast.viability.contributions import contributions

    lines += [*clfv_lines(contributions(model).delta_a_mu, what=f"{model.name}'s"), ""]
    from recast.lowenergy.radiative_mass import model_mmu_lines

    mmu = [line for lq in model.leptoquarks for line in model_mmu_lines(lq)]
    lines += [*mmu, ""] if mmu else []
    lines += ["sources:", *(f"  {s}" for s in model.sources)]
    return "\n".join(lines)
