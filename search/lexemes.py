"""Words common enough that a phrase made only of them would make PostgreSQL recheck the
positions in almost every document ("particular social group" at 100,000 resources: every
document has all three words, so each stored vector is read back: seconds).

Every stored vector also carries, without positions, the pairs of consecutive lexemes that
are both in this list ("particular~social", "social~group"); a phrase query requires its own
pairs too, so the GIN index narrows a common phrase to the documents that really have those
words side by side before any position is checked. The list is fixed (a migration stores
it): documents and queries must agree on it, so changing it means reindexing.
"""

COMMON_WORDS = """
asylum persecution persecuted persecutor refugee refugees protection protect protected
withholding removal removable convention torture particular social group groups membership
political opinion religion religious nationality race gender violence violent domestic
partner partners women woman girls girl children child family families gang gangs police
state states government unable unwilling country countries conditions condition report
reports evidence declaration expert testimony credibility credible corroboration nexus harm
threat threats fear return returned judge judges board appeals appeal immigration immigrant
court courts circuit decision decisions matter precedent standard review remand motion
reopen hearing interview reasonable attorney attorneys client clients affidavit
psychological evaluation trauma medical mutilation genital female marriage forced
trafficking sexual orientation identity transgender indigenous internal relocation past
future well founded presumption changed circumstances filing bar statute regulation
federal policy memorandum guidance practice advisory brief sample argument case cases claim
claims applicant applicants respondent respondents law legal rights human united nations
department homeland security service services citizenship office officer officers
application applications relief eligible eligibility status burden proof record facts
fact finding findings error clear de novo abuse discretion order orders issued held holding
see also id supra cf dec bia u.s.c c.f.r f.3d f.4th i&n a.g n notice appear defective
jurisdiction removal proceedings proceeding detention detained bond released release
credible reasonable interview officer screening determination level standard cutting
""".split()  # noqa: SIM905 - a readable word list
