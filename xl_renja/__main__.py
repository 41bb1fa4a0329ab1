from xl_renja.cli import main

raise SystemExit(main())
