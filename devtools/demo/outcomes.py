"""Demo outcomes (see `load_demo_data`) for the demo cases. Idempotent: a case that already
has outcomes gets none added."""

from datetime import date

from devtools.demo.cases import demo_case
from outcomes.services import outcome_create

DEMO_OUTCOMES = {
    ("guatemala-dv", "attorney@example.org"): [
        {
            "decided_on": date(2025, 4, 14),
            "adjudicator_level": "asylum_office",
            "decision": "denied",
            "location": "San Francisco Asylum Office",
            "grounds": ["psg"],
            "psg_formulations": ["Guatemalan women unable to leave a domestic relationship"],
            "denial_reasons": ["psg_not_cognizable", "state_protection"],
            "notes": "Referred to the immigration court.",
        }
    ],
    ("honduras-gangs", "attorney@example.org"): [
        {
            "decided_on": date(2026, 6, 3),
            "adjudicator_level": "immigration_judge",
            "decision": "denied",
            "location": "Houston Immigration Court",
            "grounds": ["psg", "political_opinion"],
            "psg_formulations": [
                "Immediate family members of a Honduran who resisted gang recruitment",
            ],
            "denial_reasons": ["nexus", "relocation"],
            "denial_reasons_text": "No nexus to family membership; could relocate.",
            "appeal": "appealed",
        }
    ],
    ("mexico-lgbtq", "attorney2@example.org"): [
        {
            "decided_on": date(2026, 2, 20),
            "adjudicator_level": "immigration_judge",
            "decision": "granted_withholding",
            "location": "San Diego Immigration Court",
            "grounds": ["psg"],
            "psg_formulations": ["Transgender women in Mexico"],
            "appeal": "not_appealed",
        }
    ],
}


def load(log) -> None:
    """Idempotent: running it twice changes nothing."""
    added = 0
    for (key, email), outcomes in DEMO_OUTCOMES.items():
        case = demo_case(key, email)
        if case is None or case.outcomes.exists():
            continue
        for answers in outcomes:
            outcome_create(case=case, reporter=case.attorney, **answers)
            added += 1
    log(f"outcomes: {added} added")
