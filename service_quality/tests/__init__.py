from . import test_service_standard
from . import test_complaint_deadline
from . import test_complaint_process
from . import test_complaint_escalation
from . import test_security
from . import test_ui
from . import test_promise
from . import test_reminder
