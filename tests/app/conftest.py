from tests.qt_support import (  # noqa: F401  (fixtures)
    gui_thread_collector,
    isolated_settings,
    qasync_loop,
    widgets_deleted_after_each_test,
)
