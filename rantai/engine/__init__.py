"""Pure-Python engines (no Django): matching and, later, scheduling."""
