from . import test_agent_appraisal
from . import test_kpi_complaints
from . import test_kpi_dashboard
from . import test_kpi_export
from . import test_kpi_reference
from . import test_kpi_scores
from . import test_kpi_snapshot
from . import test_ui
