from . import test_kpi_complaints
from . import test_kpi_dashboard
from . import test_kpi_export
from . import test_kpi_reference
from . import test_kpi_snapshot
