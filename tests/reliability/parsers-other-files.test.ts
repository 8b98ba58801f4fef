import { parserSuite } from './parser-suite';

parserSuite('other-files');
