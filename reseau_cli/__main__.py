from reseau_cli.cli import main

main()
