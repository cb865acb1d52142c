"""Raw suites: structure of a pending table's *raw* (text) values before it is swapped in."""
