"""The U(1)_X atlas: enumeration counts, equivalence convention, muoquark rules, reports."""

from __future__ import annotations

import doctest
import time
from fractions import Fraction

import pytest

import recast.u1x
import recast.u1x.enumerate as enum_mod
import recast.u1x.muoquark as mq
from recast.exceptions import InvalidParameter, UnknownModel
from recast.u1x import (
    Charges,
    atlas_id_of,
    canonical_form,
    check_charges,
    classify,
    count_class,
    count_solutions,
    counts,
    enumerate_atlas,
    export,
    extend_to_two_plus_one,
    filter_atlas,
    lookup_atlas_id,
    named_charges,
    report,
)
from recast.u1x.enumerate import PAPER_COUNT, brute_force_atlas, solve_sorted
from recast.u1x.muoquark import breaking_scalar, is_muoquark, muoquark, solution_flags
from recast.u1x.report import suggest_fixes

MISPRINT = Charges.make(Q=0, L=(0, 7, -7), E=(-3, 8, -5), N=(5, 3, 8))


def test_public_api():
    assert recast.u1x.__all__ == sorted(recast.u1x.__all__, key=lambda s: (not s.isupper(), s))
    assert dir(recast.u1x) == sorted(recast.u1x.__all__)
    for mod in (enum_mod, mq, classify, report, export, counts):
        assert dir(mod) == sorted(mod.__all__)
        assert all(hasattr(mod, name) for name in mod.__all__)


@pytest.mark.parametrize("mod", [enum_mod, mq, classify, report, export, counts])
def test_doctests(mod):
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert res.failed == 0


# --- counts with the conventions pinned ------------------------------------------------


def test_count_quark_universal_default():
    sols = enumerate_atlas(max_charge=10)
    assert len(sols) == 275
    # arXiv:2107.07518 quotes 276: exactly the count with the trivial solution included.
    assert count_solutions(max_charge=10, include_trivial=True) == PAPER_COUNT == 276
    assert count_solutions(max_charge=10) == 275
    assert sum(s.q == 0 for s in sols) == 90
    assert sum(s.q != 0 for s in sols) == 185
    assert max(abs(s.q) for s in sols) == 3  # |ΣL| = 9|X_q| <= 30


@pytest.mark.parametrize(
    ("kwargs", "count"),
    [
        ({}, 275),
        ({"include_trivial": True}, 276),
        ({"normalise": False}, 350),  # multiples such as (2, L, ...) = 2*(1, L/2, ...) counted too
        ({"sign": False}, 485),  # X and -X counted separately
        ({"relabel": "none"}, 43231),  # no family relabelling at all
    ],
)
def test_equivalence_variants(kwargs, count):
    assert count_solutions(max_charge=10, **kwargs) == count


def test_joint_relabelling_variants_are_far_from_published():
    # Relabelling (L_i, E_i) jointly (N separately) or (L_i, E_i, N_i) jointly is far from 276:
    # the published counting must permute L, E, N independently.
    assert count_solutions(max_charge=10, relabel="LE") == 1356
    assert count_solutions(max_charge=10, relabel="LEN") == 7342
    # the same counts by brute force over every ordering at a small range
    assert count_solutions(max_charge=4, relabel="LE") == _joint_brute(4, joint_n=False)
    assert count_solutions(max_charge=4, relabel="LEN") == _joint_brute(4, joint_n=True)


def _joint_brute(n: int, *, joint_n: bool) -> int:
    import itertools

    perms = list(itertools.permutations(range(3)))
    seen = set()
    for q, t_l, t_e, t_n in solve_sorted(n, 9):
        flat = (q, *t_l, *t_e, *t_n)
        if not any(flat) or enum_mod._gcd(flat) != 1:
            continue
        for a in perms:
            for b in perms:
                for c in perms:
                    lep, e, nn = [t_l[i] for i in a], [t_e[i] for i in b], [t_n[i] for i in c]
                    cands = []
                    for sg in (1, -1):
                        for p in perms:
                            n_part = tuple(sg * nn[i] for i in p) if joint_n else tuple(sorted(sg * x for x in nn))
                            cands.append((sg * q, *(sg * lep[i] for i in p), *(sg * e[i] for i in p), *n_part))
                    seen.add(min(cands))
    return len(seen)


@pytest.mark.parametrize(
    ("n", "count"), [(1, 3), (3, 13), (5, 35), (8, 98), (10, 275), (12, 417), (15, 739), (20, 1816)]
)
def test_counts_other_ranges(n, count):
    assert len(enumerate_atlas(max_charge=n)) == count


def test_ids_stable_across_ranges():
    small, big = enumerate_atlas(max_charge=10), enumerate_atlas(max_charge=15)
    assert big[: len(small)] == small
    assert [s.id for s in small[:3]] == ["A0001", "A0002", "A0003"]
    assert small[-1].id == "A0275"
    assert all(s.max_abs <= 10 for s in small) and big[len(small)].max_abs == 11


def test_deterministic_and_cached():
    enumerate_atlas.cache_clear()
    a = enumerate_atlas(max_charge=10)
    b = enumerate_atlas(max_charge=10)
    assert a is b  # lru_cache
    enumerate_atlas.cache_clear()
    assert enumerate_atlas(max_charge=10) == a


def test_fast():
    enumerate_atlas.cache_clear()
    t0 = time.perf_counter()
    enumerate_atlas(max_charge=10)
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize(
    ("quark_class", "construction", "n", "count"),
    [("universal", "paper", 3, 13), ("2+1", "free", 3, 22), ("2+1", "paper", 4, 3)],
)
def test_matches_brute_force(quark_class, construction, n, count):
    sols = enumerate_atlas(max_charge=n, quark_class=quark_class, construction=construction)
    fast = {(s.q, s.L, s.E, s.N) for s in sols}
    assert fast == brute_force_atlas(n, quark_class=quark_class, construction=construction)
    assert len(fast) == count


def test_every_solution_is_anomaly_free_and_canonical():
    for cls, cons in (("universal", "paper"), ("2+1", "paper"), ("2+1", "free")):
        for s in enumerate_atlas(max_charge=10, quark_class=cls, construction=cons):
            ch = s.charges()
            assert ch.anomaly_free, s
            assert s.charges(labelled=False).anomaly_free
            assert canonical_form(s.q, s.L, s.E, s.N) == (s.q, s.L, s.E, s.N)
            assert s.max_abs <= 10


def test_solve_sorted_includes_trivial_and_multiples():
    sols = list(solve_sorted(10, 9))
    assert (0, (0, 0, 0), (0, 0, 0), (0, 0, 0)) in sols
    assert len(sols) == 581


def test_two_plus_one_free_scan():
    sols = enumerate_atlas(max_charge=10, quark_class="2+1", construction="free")
    assert len(sols) == 565
    assert all(s.q != 0 and s.id.startswith("T") for s in sols)
    # X_q3 = 1, L = E = N = (0, -3, 0): the 2+1 version of B - 3L_mu is primitive here
    assert (1, (-3, 0, 0), (-3, 0, 0), (-3, 0, 0)) in {(s.q, s.L, s.E, s.N) for s in sols}
    assert len(filter_atlas(sols, category="vector")) == 521
    assert len(filter_atlas(sols, category="chiral")) == 44
    ch = sols[0].charges()
    assert ch.Q[0] == ch.Q[1] == 0 and ch.Q[2] != 0
    # ids are numbered over the free scan: T0001..T0565 without gaps
    assert [s.id for s in sols] == [f"T{i:04d}" for i in range(1, 566)]


def test_two_plus_one_paper_construction_count():
    # physics.md §1 / arXiv:2107.07518: one 2+1 class per universal class with X_q != 0
    universal = enumerate_atlas(max_charge=10)
    paper = enumerate_atlas(max_charge=10, quark_class="2+1")  # the default construction
    assert paper == enumerate_atlas(max_charge=10, quark_class="2+1", construction="paper")
    assert sum(u.q != 0 for u in universal) == 185
    assert len(paper) == 185
    assert len(filter_atlas(paper, category="vector")) == 171
    assert len(filter_atlas(paper, category="chiral")) == 14
    # the paper's entries keep their free-scan ids (a subset of T0001..T0565)
    free = {s.id: s for s in enumerate_atlas(max_charge=10, quark_class="2+1", construction="free")}
    assert all(free[s.id] == s for s in paper)
    # the 2+1 version of B - 3L_mu (A0214) is an entry of the paper's construction
    assert {s.extends: s for s in paper}["A0214"].values == (1, -3, 0, 0, -3, 0, 0, -3, 0, 0)


def test_every_paper_entry_extends_a_universal_solution():
    """Spot check by exact arithmetic: each 2+1 entry is (X_q12 = 0, X_q3 = 3 X_q) of its parent."""
    universal = {u.id: u for u in enumerate_atlas(max_charge=10)}
    paper = enumerate_atlas(max_charge=10, quark_class="2+1")
    assert sorted(s.extends for s in paper) == sorted(u.id for u in universal.values() if u.q != 0)
    for s in paper:
        u = universal[s.extends]
        # X_q3 / X_q = 3 up to the common normalisation of the lepton charges
        scale = Fraction(s.q, 3 * u.q)
        assert scale in (1, Fraction(1, 3))
        assert tuple(tuple(scale * x for x in t) for t in (u.L, u.E, u.N)) == (s.L, s.E, s.N)
        # 2 X_q12 + X_q3 = 3 X_q: the anomaly checker passes the extension with the parent's leptons
        ext = Charges.make(Q=(0, 0, 3 * u.q), L=u.L, E=u.E, N=u.N)
        rep = check_charges(ext)
        assert rep.ok and all(v == 0 for v in ext.anomalies().values()), s.id
        assert check_charges(s.charges()).ok
        assert atlas_id_of(ext) == s.id
        assert extend_to_two_plus_one(u) == (s.q, s.L, s.E, s.N)


def test_free_scan_extras_extend_no_universal_solution():
    """Closed form: a free-scan class extends a universal one in the range iff 3 | X_q3 or 3·max|X_lepton| <= N."""
    n = 10
    free = enumerate_atlas(max_charge=n, quark_class="2+1", construction="free")
    for s in free:
        fits = s.q % 3 == 0 or 3 * max(abs(x) for x in (*s.L, *s.E, *s.N)) <= n
        assert (s.extends is not None) == fits, s
    extra = [s for s in free if s.extends is None]
    assert len(extra) == 565 - 185
    # e.g. X_q3 = 1 (X_q = 1/3) with a lepton charge 4: X_q = 1 would need a lepton charge 12
    assert all(s.q % 3 for s in extra)
    with pytest.raises(InvalidParameter, match="X_q != 0"):
        extend_to_two_plus_one(enumerate_atlas(max_charge=10)[0])
    with pytest.raises(InvalidParameter, match="construction"):
        enumerate_atlas(max_charge=10, quark_class="2+1", construction="scan")


@pytest.mark.parametrize(
    ("kwargs", "count"),
    [
        ({"quark_class": "2+1", "muoquark": "S3", "construction": "paper"}, 171),
        ({"quark_class": "2+1", "muoquark": "S3", "construction": "free"}, 537),
        ({"quark_class": "2+1", "muoquark": "S3"}, 171),  # paper construction by default
        ({"quark_class": "2+1"}, 185),
        ({"quark_class": "universal", "muoquark": "S3"}, 273),
        ({"quark_class": "universal"}, 275),
        ({"quark_class": "2+1", "muoquark": "S3", "category": "chiral"}, 13),
    ],
)
def test_count_class(kwargs, count):
    assert count_class(**kwargs) == count


# --- equivalence relation -------------------------------------------------------------


def test_canonical_form_identifies_equivalent_assignments():
    ref = canonical_form(0, (0, 7, -7), (-3, 8, -5), (5, 3, -8))
    # independent relabelling of L, E and N
    assert canonical_form(0, (7, -7, 0), (8, -5, -3), (-8, 5, 3)) == ref
    # overall sign
    assert canonical_form(0, (0, -7, 7), (3, -8, 5), (-5, -3, 8)) == ref
    # normalisation
    assert canonical_form(0, (0, 14, -14), (-6, 16, -10), (10, 6, -16)) == ref
    assert (
        canonical_form(
            0,
            (0, Fraction(7, 3), Fraction(-7, 3)),
            (-1, Fraction(8, 3), Fraction(-5, 3)),
            (Fraction(5, 3), 1, Fraction(-8, 3)),
        )
        == ref
    )
    # but not a genuinely different assignment
    assert canonical_form(0, (0, 1, -1), (0, 1, -1), (0, 1, -1)) != ref
    with pytest.raises(InvalidParameter, match="trivial"):
        canonical_form(0, (0, 0, 0), (0, 0, 0), (0, 0, 0))


def test_b_minus_3lmu_is_scaled_to_integers():
    assert canonical_form(Fraction(1, 3), (0, -3, 0), (0, -3, 0), (0, -3, 0)) == (
        1,
        (-9, 0, 0),
        (-9, 0, 0),
        (-9, 0, 0),
    )


def test_named_models_have_atlas_ids():
    ids = {name: atlas_id_of(named_charges(name)) for name in ("B-3Lmu", "Lmu-Ltau", "Ltilde-mu-tau", "B-L")}
    assert ids == {"B-3Lmu": "A0214", "Lmu-Ltau": "A0001", "Ltilde-mu-tau": "A0081", "B-L": "A0013"}
    assert atlas_id_of(MISPRINT) is None
    assert atlas_id_of(Charges.make(Q=(1, 0, 0), L=(-1, -1, -1))) is None  # not universal nor 2+1


def test_lookup_atlas_id():
    ch = lookup_atlas_id("A0214")
    assert ch.anomaly_free and ch.name == "A0214"
    # standard labelling puts the muon in family 2: B - 3L_mu scaled by 3
    assert ch.Q == (1, 1, 1) and ch.L == (0, -9, 0) and ch.E == (0, -9, 0)
    assert lookup_atlas_id("a214") == ch
    assert lookup_atlas_id("A0300").anomaly_free  # beyond |X| <= 10: found at a larger range
    assert lookup_atlas_id("T0001").Q[:2] == (0, 0)
    with pytest.raises(UnknownModel, match=r"A0001\.\.A0275"):
        lookup_atlas_id("A9999")
    with pytest.raises(UnknownModel, match="not an atlas id"):
        lookup_atlas_id("B0001")


def test_get_model_with_atlas_id():
    from recast.models import get_model

    m = get_model("Zp", charges="A0081", MZp=1000.0, gX=0.1)
    assert m.name == "A0081"
    assert m.charges.L[1] == 7  # muon doublet of the L~_{mu-tau} class
    g_l, g_r = m.couplings()[13]
    assert g_l == pytest.approx(0.7) and g_r == pytest.approx(0.8)


# --- categories and muoquark filters ---------------------------------------------------


def test_category_counts():
    sols = enumerate_atlas(max_charge=10)
    assert len(filter_atlas(sols, category="vector")) == 254
    assert len(filter_atlas(sols, category="chiral")) == 21
    assert classify.category(named_charges("Ltilde-mu-tau")) == "chiral"
    assert classify.category(named_charges("B-3Lmu")) == "vector"
    # vector only up to relabelling of E:
    swapped = Charges.make(Q=0, L=(0, 1, -1), E=(1, 0, -1), N=(0, 1, -1))
    assert classify.category(swapped) == "chiral"
    assert classify.category(swapped, relabel=True) == "vector"


@pytest.mark.parametrize("lq", ["S3", "S1", "R2", "Spm"])
def test_muoquark_counts_universal(lq):
    sols = enumerate_atlas(max_charge=10)
    kept = filter_atlas(sols, muoquark=lq)
    # with independent relabelling nearly every class has a muon charge that is unique
    # among the L's; only the class with charged N's only (A0003) and B - L (A0013) fail
    assert len(kept) == 273
    assert {s.id for s in sols} - {s.id for s in kept} == {"A0003", "A0013"}
    assert len(filter_atlas(kept, category="chiral")) == 21


@pytest.mark.parametrize(
    ("lq", "paper", "free"), [("S3", 171, 537), ("S1", 172, 538), ("R2", 183, 562), ("Spm", 181, 559)]
)
def test_muoquark_counts_two_plus_one(lq, paper, free):
    assert len(filter_atlas(enumerate_atlas(max_charge=10, quark_class="2+1"), muoquark=lq)) == paper
    free_sols = enumerate_atlas(max_charge=10, quark_class="2+1", construction="free")
    assert len(filter_atlas(free_sols, muoquark=lq)) == free


def test_s3_two_plus_one_losses_are_the_first_two_families():
    """The 14 paper entries that lose S3 all hit a 2+1-only condition: X_L2 in {X_L1,3 - X_q3, -X_q3, -2X_q3}"""
    universal = {u.id: u for u in enumerate_atlas(max_charge=10)}
    lost = [s for s in enumerate_atlas(max_charge=10, quark_class="2+1") if not solution_flags(s)["S3"]]
    assert len(lost) == 14
    for s in lost:
        parent = universal[s.extends]
        if parent.id == "A0013":  # B - L: no S3 muoquark in either class
            assert not solution_flags(parent)["S3"]
            continue
        assert solution_flags(parent)["S3"], s.id  # the universal rule X_L2 not in {X_L1, X_L3, -3X_q} passes
        assert not _s3_rule_two_plus_one(s)


def _s3_rule_universal(s) -> bool:
    """physics.md §1: exists a labelling with X_L2 not in {X_L1, X_L3, -3X_q}."""
    lep = s.L
    return any(lep[a] not in {lep[b] for b in range(3) if b != a} | {-3 * s.q} for a in range(3))


def _s3_rule_two_plus_one(s) -> bool:
    """physics.md §1: X_L2 not in {X_L1, X_L3, X_L1 - X_q3, X_L3 - X_q3, -X_q3, -2X_q3, -3X_q3}."""
    lep, b = s.L, s.q
    for a in range(3):
        o = [lep[j] for j in range(3) if j != a]
        if lep[a] not in {*o, o[0] - b, o[1] - b, -b, -2 * b, -3 * b}:
            return True
    return False


def test_s3_rule_matches_paper_conditions():
    for s in enumerate_atlas(max_charge=10):
        assert solution_flags(s)["S3"] == _s3_rule_universal(s)
    for s in enumerate_atlas(max_charge=10, quark_class="2+1", construction="free"):
        assert solution_flags(s)["S3"] == _s3_rule_two_plus_one(s)


def test_fast_flags_match_exact_rules():
    for s in enumerate_atlas(max_charge=10)[:80]:
        ch = s.charges(labelled=False)
        assert solution_flags(s) == {lq: is_muoquark(ch, lq) for lq in mq.LEPTOQUARK_NAMES}



@pytest.mark.parametrize(("quark_class", "construction"), [("universal", "paper"), ("2+1", "free")])
def test_set_rules_match_the_operator_by_operator_verdict(quark_class, construction):
    """The atlas' fast verdict (:class:`_Allowed`, every labelling from one index) equals :func:`muoquark`'s
    operator-by-operator one for every class, LQ and muon labelling (36 000 checks for the free 2+1 scan)."""
    sols = enumerate_atlas(max_charge=10, quark_class=quark_class, construction=construction)
    n_ok = 0
    for s in sols:
        ch = s.charges(labelled=False)
        for lq in mq.LEPTOQUARK_NAMES:
            fast = mq._Allowed(ch, lq)
            for mu in [(a, b) for a in range(3) for b in range(3)]:
                slow = muoquark(ch, lq, mu=mu).ok
                assert fast.ok(mu) == slow, (s.id, lq, mu)
                n_ok += slow
    assert n_ok > 100  # both verdicts occur

def test_s3_charge_sign_convention():
    # physics.md §2: in B - 3L_mu (X_q = 1/3, X_L2 = -3) S3 and S1 carry X = 8/3 = -(X_q + X_L2)
    b3l = named_charges("B-3Lmu")
    assert muoquark(b3l, "S3").charges == (Fraction(8, 3),)
    assert muoquark(b3l, "S1").charges == (Fraction(8, 3),)
    assert muoquark(b3l, "S1").muon_couplings[Fraction(8, 3)] == ["Q3 L2", "U3 E2"]
    # the diquark coupling would need X_S3 = 2X_q = 2/3: forbidden
    assert Fraction(2, 3) not in muoquark(b3l, "S3").charges


def test_s3_forbidden_cases():
    # X_L2 = -3X_q: the q mu S3 charge equals the diquark one
    diq = Charges.make(Q=1, L=(-6, -3, 0))
    assert diq.anomalies()["SU(2)^2xU(1)_X"] == 0
    r = muoquark(diq, "S3")
    assert not r.ok and "Q1 Q1" in r.reasons[0]
    # X_L1 = X_L2: electron coupling allowed too
    assert not muoquark(named_charges("B-L"), "S3").ok
    # but relabelling cannot help B - L either
    assert mq.muoquark_labellings(named_charges("B-L"), "S3") == []


def test_s1_uses_right_handed_couplings():
    # S1 can be a muoquark through u^c e_R alone when the Q L charge clashes:
    ch = Charges.make(Q=0, L=(0, 0, 0), E=(1, -1, 0), N=0)
    r = muoquark(ch, "S1")  # Q3 L2 needs X = 0 = diquark charge; U3 E2 needs X = 1
    assert r.charges == (Fraction(1),) and r.muon_couplings[Fraction(1)] == ["U3 E2"]
    assert not muoquark(ch, "S3").ok


def test_r2_and_spm_charges():
    lt = named_charges("Ltilde-mu-tau")
    # physics.md §2: X_S+ = -X_L2 + X_U = -7, X_S- = -X_E2 + X_Q = -8, X_phi = 1
    r = muoquark(lt, "Spm")
    assert r.charges == ((Fraction(-7), Fraction(-8)),)
    assert r.charges[0][0] - r.charges[0][1] == 1
    assert set(muoquark(lt, "R2").charges) == {Fraction(-7), Fraction(-8)}
    assert not muoquark(named_charges("B-L"), "R2").ok


def test_breaking_scalar():
    # physics.md §2: B - 3L_mu is broken by a scalar with X = 3
    assert min(breaking_scalar(named_charges("B-3Lmu"))) == 3
    assert min(breaking_scalar(named_charges("Lmu-Ltau"))) == 1
    assert breaking_scalar(Charges.make(Q=0, L=0, N=0)) == {}


def test_unknown_leptoquark():
    with pytest.raises(InvalidParameter, match="did you mean S3"):
        muoquark(named_charges("B-3Lmu"), "S33")


# --- the check report --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["B-3Lmu", "Lmu-Ltau", "Ltilde-mu-tau", "B-L"])
def test_named_models_pass_check(name):
    r = check_charges(named_charges(name), title=name)
    assert r.ok and not r.failing
    assert all(v == 0 for v in r.anomalies.values()) and len(r.anomalies) == 6
    assert "verdict: anomaly-free" in r.text()


def test_second_chiral_example_passes():
    ch = Charges.make(Q=0, L=(-1, 7, -6), E=(1, 6, -7), N=(-7, -2, 9))
    r = check_charges(ch)
    assert r.ok and r.category == "chiral" and r.atlas_id == "A0109"


def test_misprinted_example_fails_with_fix():
    r = check_charges(MISPRINT)
    assert not r.ok
    assert r.failing == {"grav^2xU(1)_X": Fraction(-16), "U(1)_X^3": Fraction(-1024)}
    assert r.fixes == ["N3 -> -8"]
    text = r.text()
    assert "grav^2xU(1)_X = -16" in text and "U(1)_X^3 = -1024" in text and "N3 -> -8" in text


def test_suggest_fixes_swaps_and_species():
    good = named_charges("Ltilde-mu-tau")
    assert suggest_fixes(good) == []
    swapped = Charges.make(Q=0, L=(0, 7, -7), E=(5, 8, -5), N=(-3, 3, -8))  # E1 <-> N1 swapped
    assert "E1 <-> N1" in suggest_fixes(swapped)
    neg = Charges.make(Q=0, L=(0, 7, -7), E=(-3, 8, -5), N=(-5, -3, 8))
    assert "N -> -N" in suggest_fixes(neg)
    assert suggest_fixes(Charges.make(Q=0, L=(1, 2, 3))) == []


def test_report_as_dict():
    d = check_charges(named_charges("B-3Lmu"), title="B-3Lmu").as_dict()
    assert d["anomaly_free"] and d["category"] == "vector" and d["quark_class"] == "universal"
    assert d["muoquarks"]["S3"] == {"muoquark": True, "charges": ["8/3"]}
    assert d["scalar"]["3"] == ["N1 N2", "N2 N3"]
    assert d["atlas_id"] == "A0214"


def test_standard_labelling_puts_muon_in_family_2():
    from recast.u1x.classify import is_vector

    for cls in ("universal", "2+1"):
        for s in enumerate_atlas(max_charge=10, quark_class=cls, construction="free"):
            ch = s.charges()
            assert sorted(ch.L) == list(s.L) and sorted(ch.E) == list(s.E) and sorted(ch.N) == list(s.N)
            if solution_flags(s)["S3"]:
                assert muoquark(ch, "S3").ok, s.id
            if s.vector:
                assert is_vector(ch), s.id


def test_one_loop_running_of_gx():
    """b of dg/dlnμ = b g³/16π²: B−L with three ν_R and a Φ of X = 2 gives the minimal-B−L value 12; B−3L_μ:
    quarks 3 × (6+3+3)/9 = 4, the muon family 2·9 + 9 + 9 = 36, H neutral: b = (2/3)·40 = 80/3."""
    import math

    from recast.u1x.consistency import M_PLANCK_GEV, beta_coefficient, g_max_planck, landau_pole

    assert beta_coefficient(named_charges("B-L"), {"Phi": (Fraction(2), 1)}) == 12
    b = beta_coefficient(named_charges("B-3Lmu"))
    assert b == Fraction(80, 3)
    # the pole: 1/g² − b ln(Λ/μ₀)/8π² = 0; g_max puts it at the Planck mass
    g, mu0 = 0.5, 1000.0
    lam = landau_pole(b, g, mu0)
    assert 1 / g**2 - float(b) * math.log(lam / mu0) / (8 * math.pi**2) == pytest.approx(0.0, abs=1e-9)
    assert landau_pole(b, g_max_planck(b, mu0), mu0) == pytest.approx(M_PLANCK_GEV, rel=1e-9)
    assert landau_pole(0, 0.5, mu0) == math.inf


def test_dim5_proton_decay_operators():
    """B−3L_μ: X_S3 = 8/3, diquarks need 2/3, Φ carries 3 or 6: every Q Q S3† Φ⁽*⁾ is forbidden. L_μ−L_τ:
    X_S3 = −1 and a Φ of X = 1 (N_e N_μ) gives X_QiQj = 0 = X_S3 + X_Φ: Q Q S3† Φ* is allowed."""
    from recast.u1x import check_charges

    b3l = check_charges(named_charges("B-3Lmu"), title="B-3Lmu")
    assert b3l.proton_dim5 == {"S3": [], "S1": []}
    lmt = check_charges(named_charges("Lmu-Ltau"), title="Lmu-Ltau")
    assert "Q1 Q1 S3† Phi* (X_Phi = 1)" in lmt.proton_dim5["S3"]
    assert all("Phi*" in op for op in lmt.proton_dim5["S3"])
    assert "ALLOWED" in lmt.text() and lmt.as_dict()["running"]["b"] == "16/3"
