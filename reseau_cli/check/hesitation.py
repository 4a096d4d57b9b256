"""Typed hesitations for the diagnostic.

See :mod:`reseau_cli.hesitations`: one list and one reading, shared with the dossier and the
wizard.
"""

from reseau_cli.hesitations import hesitations, is_hesitant, is_hesitation, normal

__all__ = ["hesitations", "is_hesitant", "is_hesitation", "normal"]
