# This file was automatically created by FeynRules 1.7.69
# Mathematica version: 8.0 for Mac OS X x86 (64-bit) (November 6, 2010)
# Date: Mon 1 Oct 2012 14:58:26


from .object_library import all_orders, CouplingOrder


QCD = CouplingOrder(name = 'QCD',
                    expansion_order = 99,
                    hierarchy = 1)

QED = CouplingOrder(name = 'QED',
                    expansion_order = 99,
                    hierarchy = 2)



# ---- recast: B-3Lmu (MZp = 1000 GeV, gX = 0.1) (recast ufo; SM part from the ufo-sm package) ----

NP = CouplingOrder(name = 'NP',
    expansion_order = 99,
    hierarchy = 1)
