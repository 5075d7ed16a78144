"""The console's side of a usability study (``rsi-console --study FOLDER``).

:mod:`.folder` is what the study's runner (``rsi-study run``) and the console
write to each other in the participant's folder; :mod:`.consent` and
:mod:`.questionnaire` are the dialogs at the start and the end;
:mod:`.session` puts them together with the recording (the engine's
:class:`~audio.recordtap.RecordTap`), the usability log on the session's
clock, the air log and the screenshots. docs/study.md tells the researcher.
"""
