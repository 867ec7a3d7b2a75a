//! Ranked methods (SPEC 3.2): plurality, approval, Borda, IRV, Schulze, Copeland, score.
