from . import test_kpi_complaints
