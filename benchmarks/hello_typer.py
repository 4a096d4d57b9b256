"""The floor for ``reseau --help``: a two-command hello-world Typer app, default settings."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


@app.command()
def goodbye(name: str, formal: bool = False) -> None:
    """Say goodbye."""
    typer.echo(f"Goodbye {name}" if formal else f"Bye {name}")


if __name__ == "__main__":
    app()
