//! Property tests of number reading (issue 3): generated Arabic number
//! words and digit/scale mixes read back to their value.
