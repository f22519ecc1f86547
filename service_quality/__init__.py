from . import models
from . import wizards
from . import controllers
from .hooks import uninstall_hook
