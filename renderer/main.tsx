/** Entry point: make sure window.curation exists (preload or browser-mode client), then render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api/install-api.js';
import { App } from './app.js';
import './styles.css';

installApi();

const container = document.getElementById('root');
if (!container) throw new Error('CytoCurator: #root element missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
