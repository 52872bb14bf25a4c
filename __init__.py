"""cadregraph: Vietnamese party and state news into a knowledge graph.

The package is laid out as its stages: ``sources`` reads articles, ``graph`` extracts,
resolves, stores and analyses, ``exports`` writes Turtle, CSV and HTML, and
``ontology`` holds the vocabulary, the shapes and the lexicons as data.
"""

__version__ = "0.1.0"
