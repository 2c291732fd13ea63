"""spaCy component ``crisisdesk_conditions``: humanitarian conditions, needs, access and response.

A condition is what a situation report files under conditions, needs, access and response
(``tests/data/conditions/GUIDE.md``): people without electricity or food, sheltering in basements
or camps, arrested or tortured, sick or hungry, homes destroyed, aid kept out, aid delivered,
needs stated, people trapped or left behind. Each is one of :data:`crisisdesk.model.CONDITION_KINDS`
with its DEEP pillar and the DEEP sectors its words name. Read from the parse by rules of English
and of the humanitarian domain:

1. Lack: "without", "no", "lack/shortage of", "do not have", "deprived of" before a service or
   supply (electricity, water, food, fuel, medicine, phones) → services cut; before shelter →
   shelter; before transport → access. A service as the subject of "disrupted", "cut", "stretched",
   "out", "off" is cut too.
2. Shelter: a verb of staying or sheltering ("hide", "take refuge", "stay", "settle", "evacuated
   to") with a place people shelter in (basement, camp, tent, collective centre, host family);
   living or crowded in bad "conditions"; camps described as makeshift or overcrowded.
3. Protection: torture, abduction, looting, sexual violence, human shields always; arrests and
   detention only in a crisis ("a series of illegal arrests", civilians rounded up), never a
   suspect arrested by the police.
4. Health: disease, outbreaks, malnutrition, trauma, hunger in a crisis.
5. Damage: homes, villages, infrastructure destroyed, damaged, flooded, swept away, reduced to
   rubble (a church or a factory destroyed is no humanitarian damage).
6. Access: access that is lacking, limited or denied, or "humanitarian access"; aid or food
   prevented or blocked; roads closed in a crisis.
7. Aid: aid, relief, supplies or shelter provided, delivered or sent; humanitarian missions,
   responses, relief efforts.
8. Needs: "humanitarian needs", an urgent need, "in need of food", people needing protection,
   seeking food and water.
9. At risk: vulnerable people (elderly, disabled, people with special needs), people trapped,
   stranded or stuck, lives or survival endangered, people at risk.
10. Documentation and asylum (protection): asylum procedures suspended or stopped, civil documents
    lacked or out of reach ("unable to register births").
11. Education interrupted (services cut): "out of school", classes suspended, schools occupied or
    used as shelters, children who cannot attend classes.
12. Movement restricted (access): curfews, lockdowns, roadblocks; people barred or not allowed to
    reach a place ("checkpoints prevent farmers from reaching their fields").
13. Livelihoods lost (services cut): "lost their livelihoods", "thousands of jobs were lost".

Words that are conditions only in a crisis (arrests, hunger, roads closed) count when the sentence
names a crisis (war, displacement, a disaster, refugees, humanitarian work) or the article does so
in several sentences (the tool's one crisis context, :mod:`crisisdesk.nlp.relevance`); every
condition is marked with it (``crisis``). Runs after ``crisisdesk_places`` and ``crisisdesk_times``; sets
``doc._.crisisdesk_conditions``: a list of :class:`crisisdesk.model.Condition` in document offsets, in text
order. Sentences the prefilter did not parse hold none (it parses every sentence with a cue).

The package, by concern: :mod:`.crisis` (whether a sentence counts as told in a crisis),
:mod:`.finders` (the rules of each kind), :mod:`.component` (the spaCy factory and the Condition
made of what is found), :mod:`._shared` (the syntax helpers the rules stand on). Their words are the
``crisis_*`` and ``condition_*`` lists of ``lexicon/conditions.toml``. Importing the package
registers the factory.
"""

from __future__ import annotations

from crisisdesk.nlp.conditions.component import ConditionFinder, conditions_in, make_conditions

__all__ = ["ConditionFinder", "conditions_in", "make_conditions"]
