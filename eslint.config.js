import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.output-*', '.wxt', 'demo-screenshots', 'test-results', '.dbg*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page and pack content is text, never HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: '页面与短语包内容只能当作文本：用 textContent。' },
        { property: 'outerHTML', message: '页面与短语包内容只能当作文本。' },
        { property: 'insertAdjacentHTML', message: '页面与短语包内容只能当作文本。' },
      ],
      // Preact's only HTML door (web-ext lint flags Preact's innerHTML line; this keeps it unused).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: '页面与短语包内容只能当作文本，不用 dangerouslySetInnerHTML。',
        },
      ],
    },
  },
  {
    files: ['tests/fixtures/**/*.js'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off', 'no-var': 'off' },
  },
);
