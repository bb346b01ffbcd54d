"""The create wizards (fine-tune, import, cluster, endpoint / deploy): multi-step forms over one WizardScreen."""
