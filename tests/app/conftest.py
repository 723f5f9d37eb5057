from tests.qt_support import gui_thread_collector, isolated_settings, qasync_loop  # noqa: F401  (fixtures)
