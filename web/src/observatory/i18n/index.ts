import i18next from 'i18next';
import en from './en.json';
import fr from './fr.json';

/** Adds the observatory's texts under the `observatory` key of the app's translations. */
function register(): void {
  i18next.addResourceBundle('fr', 'translation', { observatory: fr }, true, false);
  i18next.addResourceBundle('en', 'translation', { observatory: en }, true, false);
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
