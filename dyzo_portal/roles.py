"""The portal's role groups; membership of a group gives a person that role."""

STAFF_GROUP = "Dyzo-medewerkers"
POLICY_GROUP = "Beleidsmedewerkers"
