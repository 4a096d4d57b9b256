"""The guided wizard: ``reseau new`` and ``reseau edit``.

``flow`` orders sections and questions, ``prompter`` is the only door to questionary,
``answers`` turns typed text into values, ``review`` draws the summary table, ``prefill``
handles ``--answers`` and ``--defaults``, ``progress`` says which questions are still to ask.
"""
