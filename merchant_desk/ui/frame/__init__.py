"""The window frame: main window, navigation, status bar, connection state, About."""
