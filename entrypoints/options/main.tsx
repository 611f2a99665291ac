import { render } from 'preact';
import { OptionsApp } from '../../components/options/options-app';
import '../../components/page.css';

render(<OptionsApp />, document.getElementById('app')!);
