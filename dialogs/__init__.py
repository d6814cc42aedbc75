"""The interview: question bank, answer parsing, the state machine and the engine."""
