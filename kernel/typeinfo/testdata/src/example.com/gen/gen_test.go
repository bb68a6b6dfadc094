package gen

// Test files are never loaded: this would redeclare Sum.
func Sum() {}
