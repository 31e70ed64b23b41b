import TMinusCLI

TMinusCommandLine.main()
