// Turns ES-module-only packages in node_modules (NestJS 12, nodemailer 10, smtp-server, …) into CommonJS
// for Jest, which cannot require() ES modules on Node 20. Production loads them with Node's require(esm).

/** `const require = createRequire(import.meta.url)` is redundant in CommonJS and would shadow `require`. */
function dropCreateRequire() {
  return {
    visitor: {
      VariableDeclarator(path) {
        const { id, init } = path.node;
        if (id.type === 'Identifier' && id.name === 'require' && init?.type === 'CallExpression' &&
          init.callee.type === 'Identifier' && init.callee.name === 'createRequire') {
          path.remove();
        }
      },
    },
  };
}

module.exports = {
  plugins: [
    dropCreateRequire,
    'babel-plugin-transform-import-meta',
    '@babel/plugin-transform-dynamic-import',
    '@babel/plugin-transform-modules-commonjs',
  ],
};
