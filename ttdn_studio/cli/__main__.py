from ttdn_studio.cli import main

main()
