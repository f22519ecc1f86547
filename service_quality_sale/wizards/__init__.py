from . import service_kpi_export
