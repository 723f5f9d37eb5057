from tests.qt_support import isolated_settings, qasync_loop  # noqa: F401  (fixtures)
