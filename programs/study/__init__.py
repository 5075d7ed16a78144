"""The usability-study kit (issue 17): scenarios, measures and questionnaires.

``rsi-study check SCENARIO.toml`` validates a scenario (:mod:`.scenario`);
:mod:`.measures` computes what a session's recordings and logs show (ear-voice
span, silences, reaction times, errors, exposure); :mod:`.questionnaires`
declares and scores SUS, NASA-TLX and a scenario's own Likert items.
"""
