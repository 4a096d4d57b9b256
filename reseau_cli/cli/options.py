"""Options shared by the commands that render documents (``render``, ``demo``, ``batch``).

One definition each, so the help texts cannot drift apart between commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DocOption = Annotated[
    str,
    typer.Option("--doc", "-d", help="charte, lettre, plan, rapport (séparés par des "
                                     "virgules) ou all (les trois premiers ; all,rapport pour "
                                     "tout). / charter, letter, plan, report (comma-separated); "
                                     "all = the first three (all,report for everything)."),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="md, html, docx, pdf (séparés par des virgules) ou all. / "
                                        "md, html, docx, pdf (comma-separated) or all."),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Remplacer les fichiers existants. / Replace existing files."),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Dossier de modèles qui remplacent ceux fournis (même "
                                     "chemin relatif). / Folder of templates overriding the "
                                     "built-in ones (same relative path).", show_default=False),
]
NoFiguresOption = Annotated[
    bool,
    typer.Option("--no-figures", help="Sans les figures (carte du réseau, calendrier, profil). "
                                      "/ Without the figures (network map, timeline, profile)."),
]
BrandOption = Annotated[
    Path | None,
    typer.Option("--brand", help="Fichier YAML de marque : organisation, logo, couleur, pied "
                                 "de page. / Brand YAML file: organisation, logo, colour, "
                                 "footer.",
                 show_default=False),
]
