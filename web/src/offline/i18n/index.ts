import i18next from 'i18next';
import en from './en.json';
import fr from './fr.json';

/** Adds the offline capture's texts under the `offline` key of the app's translations. */
function register(): void {
  i18next.addResourceBundle('fr', 'translation', { offline: fr }, true, false);
  i18next.addResourceBundle('en', 'translation', { offline: en }, true, false);
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
