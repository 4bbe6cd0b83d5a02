// A header of another tool.
