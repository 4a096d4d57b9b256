"""reseau: found a collaborative network the way the CGEM guide (2010) recommends."""

__version__ = "0.1.0"
__all__ = ["__version__"]
