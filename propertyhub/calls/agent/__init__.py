"""The voice agent: deterministic, offline and explainable language understanding.

A buyer's turn is normalised (`text`), split into its questions and each one scored
against the intents (`understand`), with slots read against the live vocabulary
(`slots`, `numbers`, `when`); `answer` turns each question into one answer from the
platform's data through the call's tools, and `brain` speaks them in order, in the
persona's tone. Every answer names the rule and the data fields it used.
"""
