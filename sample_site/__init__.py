"""A realistic copy of the sources, in two dated states, served locally for the demo and tests."""
