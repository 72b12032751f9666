"""The card's clinical knowledge as pure functions of a card's values: dating (gestational age,
due date), growth (SF height centiles) and the national guideline's programme and tests. No
queries and no requests here (ARCHITECTURE.md)."""
