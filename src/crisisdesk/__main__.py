from crisisdesk.cli import main

main()
